import test from 'node:test';
import assert from 'node:assert/strict';
import {
    decodeVarint, encodeFrame, encodeVarint, FramingError, MAGIC, takeFrame, takeXmlEvent,
} from '../lib/framing.mjs';

test('varints round-trip and match protobuf encoding', () => {
    assert.deepEqual([...encodeVarint(0)], [0]);
    assert.deepEqual([...encodeVarint(1)], [1]);
    assert.deepEqual([...encodeVarint(127)], [0x7f]);
    assert.deepEqual([...encodeVarint(128)], [0x80, 0x01]);
    assert.deepEqual([...encodeVarint(300)], [0xac, 0x02]);
    for (const n of [0, 1, 127, 128, 16383, 16384, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER]) {
        const buf = encodeVarint(n);
        assert.deepEqual(decodeVarint(buf), { value: n, next: buf.length });
    }
});

test('a truncated varint asks for more bytes; an endless one is an error', () => {
    assert.equal(decodeVarint(Buffer.of(0x80, 0x80)), null);
    assert.throws(() => decodeVarint(Buffer.alloc(11, 0x80)), FramingError);
});

test('frames survive any split of the byte stream', () => {
    const payloads = [Buffer.alloc(0), Buffer.from('a'), Buffer.alloc(200, 7), Buffer.alloc(20000, 9)];
    const stream = Buffer.concat(payloads.map(encodeFrame));
    assert.equal(stream[0], MAGIC);
    for (const step of [1, 2, 3, 7, 64, 1000, stream.length]) {
        let buf = Buffer.alloc(0);
        const got = [];
        for (let i = 0; i < stream.length; i += step) {
            buf = Buffer.concat([buf, stream.subarray(i, i + step)]);
            for (let f = takeFrame(buf); f; f = takeFrame(buf)) {
                got.push(Buffer.from(f.payload));
                buf = f.rest;
            }
        }
        assert.deepEqual(got, payloads, `step ${step}`);
        assert.equal(buf.length, 0);
    }
});

test('a stream that does not start with 0xbf is rejected', () => {
    assert.throws(() => takeFrame(Buffer.from('\n<event/>')), /expected 0xbf frame magic, got 0x0a/);
});

test('XML events are cut after </event>, dropping what precedes <event', () => {
    const text = '<?xml version="1.0"?>\n<event uid="a"><detail/></event><event uid="b">道</event>';
    let buf = Buffer.from(text);
    const first = takeXmlEvent(buf);
    assert.equal(first.xml, '<event uid="a"><detail/></event>');
    buf = first.rest;
    assert.equal(takeXmlEvent(buf).xml, '<event uid="b">道</event>');
    assert.equal(takeXmlEvent(Buffer.from('<event uid="c">')), null);
});

test('the tail after the switch to protobuf stays binary', () => {
    const frame = encodeFrame(Buffer.of(1, 2, 3));
    const buf = Buffer.concat([Buffer.from('<event type="t-x-takp-r"></event>'), frame]);
    const ev = takeXmlEvent(buf);
    assert.deepEqual(Buffer.from(ev.rest), frame);
    assert.deepEqual([...takeFrame(ev.rest).payload], [1, 2, 3]);
});
