// Stream framing for TAK streaming connections (tak-server.md §2.3-2.4).
//
// node-cot encodes and decodes the TakMessage payloads; it has no notion of the
// stream around them, so the two framings live here:
//   XML:      <event>...</event><event>...</event>   (split after each </event>)
//   Protocol: 0xbf <varint length> <TakMessage bytes>, repeated, nothing between
// Both splitters work on Buffers, never on decoded strings, because after the
// t-x-takp-r switch the same chunk can hold the tail of an XML event followed by
// binary frames, and a multi-byte UTF-8 character can straddle two TCP chunks.

export const MAGIC = 0xbf;

/** Largest payload we accept from a peer; anything bigger is a framing bug, not data. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

const EVENT_END = Buffer.from('</event>', 'latin1');
const EVENT_START = Buffer.from('<event', 'latin1');

export class FramingError extends Error {}

/** Unsigned LEB128 varint, as protobuf writes it. */
export function encodeVarint(value) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint out of range: ${value}`);
    const bytes = [];
    do {
        let b = value % 128;
        value = Math.floor(value / 128);
        if (value > 0) b |= 0x80;
        bytes.push(b);
    } while (value > 0);
    return Buffer.from(bytes);
}

/**
 * Read a varint at `offset`.
 * @returns {{value:number, next:number}|null} null when the buffer ends mid-varint
 */
export function decodeVarint(buf, offset = 0) {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
        if (offset + i >= buf.length) return null;
        const b = buf[offset + i];
        value += (b & 0x7f) * scale;
        if ((b & 0x80) === 0) {
            if (!Number.isSafeInteger(value)) throw new FramingError('varint exceeds 2^53');
            return { value, next: offset + i + 1 };
        }
        scale *= 128;
    }
    throw new FramingError('varint longer than 10 bytes');
}

/** Wrap one serialized TakMessage in the streaming header. */
export function encodeFrame(payload) {
    return Buffer.concat([Buffer.of(MAGIC), encodeVarint(payload.length), Buffer.from(payload)]);
}

/**
 * Take the first complete frame off the front of `buf`.
 * @returns {{payload:Buffer, rest:Buffer}|null} null when more bytes are needed
 * @throws {FramingError} when the stream cannot be a TAK protocol stream
 */
export function takeFrame(buf) {
    if (buf.length === 0) return null;
    if (buf[0] !== MAGIC) {
        throw new FramingError(`expected 0xbf frame magic, got 0x${buf[0].toString(16).padStart(2, '0')}`);
    }
    const len = decodeVarint(buf, 1);
    if (!len) return null;
    if (len.value > MAX_FRAME_BYTES) throw new FramingError(`frame length ${len.value} exceeds ${MAX_FRAME_BYTES}`);
    const end = len.next + len.value;
    if (buf.length < end) return null;
    return { payload: buf.subarray(len.next, end), rest: buf.subarray(end) };
}

/**
 * Take the first complete <event>...</event> off the front of `buf`.
 * Whatever precedes `<event` (an XML declaration, newlines) is dropped, as the
 * server does.
 * @returns {{xml:string, rest:Buffer}|null}
 */
export function takeXmlEvent(buf) {
    const end = buf.indexOf(EVENT_END);
    if (end < 0) return null;
    const stop = end + EVENT_END.length;
    let start = buf.indexOf(EVENT_START);
    if (start < 0 || start > end) start = 0;
    return { xml: buf.subarray(start, stop).toString('utf8'), rest: buf.subarray(stop) };
}
