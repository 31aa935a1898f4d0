package org.kizuna.cot.proto;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotDecodeException.BadProtobufException;
import org.kizuna.cot.CotDecodeException.FrameTooLongException;

/**
 * Splits a TAK protocol v1 stream (TCP or TLS after negotiation, or WebSocket {@code /takproto/1})
 * into {@code TakMessage} payloads. Bytes may arrive in chunks of any size; each payload is handed
 * out whole as a fresh array the caller owns.
 *
 * <h2>Frame format</h2>
 * <pre>
 *   +------+---------------------+------------------------+------+---- ...
 *   | 0xbf | length (varint 1-5) | TakMessage (length B)  | 0xbf | next frame
 *   +------+---------------------+------------------------+------+---- ...
 *
 *   0xbf 0x03 0x0a 0x01 0x41   →   payload 0a 01 41
 * </pre>
 * Frames follow each other with nothing in between.
 *
 * <h2>Limits, checked before buffering</h2>
 * <ul>
 *   <li>A byte other than {@code 0xbf} where a frame must start: {@link BadProtobufException}.
 *       TAK Server closes the channel in that case too; there is no way to find the next frame.
 *   <li>A length varint longer than 5 bytes, or one whose value exceeds {@link Integer#MAX_VALUE}:
 *       {@link BadProtobufException} on the offending byte. The protocol allows 10-byte varints,
 *       but no length that needs more than 31 bits can be a protobuf message.
 *   <li>A length above {@code maxFrameBytes}: {@link FrameTooLongException} as soon as the varint
 *       is complete, before a single payload byte is held. Netty's
 *       {@code ProtobufVarint32FrameDecoder} lacks this check and would buffer whatever a peer
 *       announces.
 * </ul>
 * After an exception the framer has dropped what it held; the caller is expected to close the
 * connection, since the stream cannot be resynchronised.
 *
 * <h2>Zero-length frames</h2>
 * {@code 0xbf 0x00} is handed out as an empty payload, as TAK Server does: an empty
 * {@code TakMessage} is valid protobuf, and whether it means anything is for the codec to say.
 *
 * <h2>Pitfalls</h2>
 * One instance per connection: it holds the partial frame, and is not thread-safe.
 */
public final class TakStreamFramer {

    public static final byte MAGIC = (byte) 0xbf;

    private static final byte[] EMPTY = new byte[0];
    /** First buffer size for a payload split across reads; grows by doubling up to its length. */
    private static final int INITIAL_CAPACITY = 256;

    private enum Phase { MAGIC, LENGTH, PAYLOAD }

    private final int maxFrameBytes;
    private final Varint length = new Varint();
    private Phase phase = Phase.MAGIC;
    /** Length of the payload being read, known from the varint. */
    private int expected;
    /** Payload bytes held so far, in {@code buf[0, held)}. */
    private byte[] buf = EMPTY;
    private int held;

    /**
     * @param maxFrameBytes largest payload accepted, in bytes (the varint and magic not counted)
     * @throws IllegalArgumentException if not positive
     */
    public TakStreamFramer(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be > 0: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Consumes {@code data[off, off + len)} and hands each payload it completes to {@code payloads},
     * in stream order.
     *
     * @throws BadProtobufException  missing magic byte, or a bad length varint
     * @throws FrameTooLongException an announced length above the limit
     */
    public void feed(byte[] data, int off, int len, Consumer<byte[]> payloads) throws CotDecodeException {
        Objects.checkFromIndexSize(off, len, data.length);
        Objects.requireNonNull(payloads, "payloads");
        int end = off + len;
        int i = off;
        try {
            while (i < end) {
                switch (phase) {
                    case MAGIC -> i = readMagic(data, i);
                    case LENGTH -> i = readLength(data, i, end, payloads);
                    case PAYLOAD -> i = readPayload(data, i, end, payloads);
                    default -> throw new AssertionError(phase);
                }
            }
        } catch (CotDecodeException e) {
            reset();
            throw e;
        }
    }

    /** Payload bytes held for a frame not yet complete; never above {@code maxFrameBytes}. */
    public int buffered() {
        return held;
    }

    /** Wraps one serialized {@code TakMessage} for the stream: {@code 0xbf}, varint length, payload. */
    public static byte[] frame(byte[] payload) {
        int lengthBytes = Varint.size(payload.length);
        byte[] framed = new byte[1 + lengthBytes + payload.length];
        framed[0] = MAGIC;
        int at = Varint.write(payload.length, framed, 1);
        System.arraycopy(payload, 0, framed, at, payload.length);
        return framed;
    }

    private int readMagic(byte[] data, int i) throws BadProtobufException {
        byte b = data[i];
        if (b != MAGIC) {
            String hint = b == '<' ? " (this looks like XML CoT)" : "";
            throw new BadProtobufException(
                    String.format("expected TAK magic 0xbf, got 0x%02x%s", b & 0xff, hint));
        }
        phase = Phase.LENGTH;
        return i + 1;
    }

    private int readLength(byte[] data, int i, int end, Consumer<byte[]> payloads) throws CotDecodeException {
        while (i < end) {
            if (length.offer(data[i++])) {
                startPayload(length.value(), payloads);
                return i;
            }
        }
        return i;
    }

    private void startPayload(int size, Consumer<byte[]> payloads) throws FrameTooLongException {
        length.reset();
        if (size > maxFrameBytes) {
            throw new FrameTooLongException(
                    "TAK message of " + size + " bytes announced; limit is " + maxFrameBytes);
        }
        if (size == 0) {
            phase = Phase.MAGIC;
            payloads.accept(EMPTY.clone());
            return;
        }
        expected = size;
        phase = Phase.PAYLOAD;
    }

    private int readPayload(byte[] data, int i, int end, Consumer<byte[]> payloads) {
        int take = Math.min(expected - held, end - i);
        if (held == 0 && take == expected) {
            // Whole payload inside this chunk: one copy, nothing held.
            phase = Phase.MAGIC;
            payloads.accept(Arrays.copyOfRange(data, i, i + take));
            return i + take;
        }
        ensureCapacity(held + take);
        System.arraycopy(data, i, buf, held, take);
        held += take;
        if (held == expected) {
            // ensureCapacity never grows past the announced length, so buf is exactly the payload.
            byte[] payload = buf;
            buf = EMPTY;
            held = 0;
            phase = Phase.MAGIC;
            payloads.accept(payload);
        }
        return i + take;
    }

    /** Grows towards the announced length, so that a peer trickling bytes costs what it sent. */
    private void ensureCapacity(int needed) {
        if (needed <= buf.length) {
            return;
        }
        int doubled = Math.max(INITIAL_CAPACITY, buf.length * 2);
        int capacity = Math.min(expected, Math.max(needed, doubled));
        buf = Arrays.copyOf(buf, capacity);
    }

    private void reset() {
        phase = Phase.MAGIC;
        length.reset();
        expected = 0;
        buf = EMPTY;
        held = 0;
    }
}
