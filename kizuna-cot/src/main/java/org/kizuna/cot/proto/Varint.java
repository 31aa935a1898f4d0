package org.kizuna.cot.proto;

import org.kizuna.cot.CotDecodeException.BadProtobufException;

/**
 * The unsigned protobuf varint as TAK protocol v1 uses it for the stream length and the mesh
 * version: 7 bits per byte, least significant group first, high bit set on every byte but the last.
 *
 * <pre>
 *   300 = 0b1_0010_1100  →  0xAC 0x02
 *         ───┬───  ──┬──
 *   low 7 bits 0101100 | 0x80 (more follows), then the remaining 0000010
 * </pre>
 *
 * <p>The protocol allows up to 10 bytes (64 bits), but every value we read is a length or a version
 * that must fit in a Java {@code int}. So an instance decodes at most 5 bytes and fails on the 5th
 * if it still says "more" or carries bits above bit 30. Failing on that byte, rather than after
 * 10, means a hostile peer cannot stretch a length prefix to make us wait.
 *
 * <p>An instance holds the state of one decode in progress, so that a length split across two
 * reads resumes where it stopped; {@link #offer} returns {@code true} once the value is complete.
 */
final class Varint {

    /** Bytes an {@code int} varint may take; also the most any decode here accepts. */
    static final int MAX_INT_BYTES = 5;

    private int value;
    private int bytes;

    /**
     * Takes the next byte of the varint.
     *
     * @return {@code true} if this byte completed the value (then read {@link #value()})
     * @throws BadProtobufException if the varint runs past 5 bytes or past {@link Integer#MAX_VALUE}
     */
    boolean offer(byte b) throws BadProtobufException {
        int group = b & 0x7f;
        if (bytes == MAX_INT_BYTES - 1) {
            if ((b & 0x80) != 0) {
                throw new BadProtobufException("varint longer than " + MAX_INT_BYTES + " bytes");
            }
            // The 5th byte holds bits 28..34; only bits 28..30 still fit in a non-negative int.
            if (group > 0x07) {
                throw new BadProtobufException("varint value does not fit in an int");
            }
        }
        value |= group << (7 * bytes);
        bytes++;
        return (b & 0x80) == 0;
    }

    /** The decoded value; meaningful once {@link #offer} returned {@code true}. */
    int value() {
        return value;
    }

    /** Bytes taken so far by the decode in progress. */
    int bytes() {
        return bytes;
    }

    void reset() {
        value = 0;
        bytes = 0;
    }

    /** How many bytes {@link #write} uses for {@code value} (1 to 5). */
    static int size(int value) {
        requireNonNegative(value);
        int size = 1;
        while ((value >>>= 7) != 0) {
            size++;
        }
        return size;
    }

    /**
     * Writes {@code value} as a varint at {@code dst[off]}.
     *
     * @return the offset just after the last byte written
     */
    static int write(int value, byte[] dst, int off) {
        requireNonNegative(value);
        int v = value;
        while ((v & ~0x7f) != 0) {
            dst[off++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        dst[off++] = (byte) v;
        return off;
    }

    private static void requireNonNegative(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint value must be >= 0: " + value);
        }
    }
}
