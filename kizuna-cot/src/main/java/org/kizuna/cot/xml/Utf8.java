package org.kizuna.cot.xml;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
 *
 * <p>Aalto decodes some invalid sequences instead of refusing them (found by fuzzing: a lead byte
 * 0xF7 became a lone surrogate), and {@code new String(bytes, UTF_8)} would quietly replace them in
 * verbatim elements. One pass over the frame up front is cheaper than checking every string.
 */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private Utf8() {
    }

    /** The index of the first byte of an invalid sequence in {@code buf[from, to)}, or -1. */
    static int indexOfInvalid(byte[] buf, int from, int to) {
        int i = from;
        while (i < to) {
            // CoT is nearly all ASCII: skip it eight bytes at a time.
            while (i + Long.BYTES <= to && ((long) LONGS.get(buf, i) & HIGH_BITS) == 0) {
                i += Long.BYTES;
            }
            if (i == to) {
                break;
            }
            int b = buf[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int length = sequenceLength(buf, i, to);
            if (length == 0) {
                return i;
            }
            i += length;
        }
        return -1;
    }

    /** The length of the valid multi-byte sequence starting at {@code i}, or 0. */
    private static int sequenceLength(byte[] buf, int i, int to) {
        int lead = buf[i] & 0xFF;
        int length;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            min = lead == 0xE0 ? 0xA0 : 0x80;   // overlong
            max = lead == 0xED ? 0x9F : 0xBF;   // surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            min = lead == 0xF0 ? 0x90 : 0x80;   // overlong
            max = lead == 0xF4 ? 0x8F : 0xBF;   // past U+10FFFF
        } else {
            return 0;
        }
        if (i + length > to) {
            return 0;
        }
        int second = buf[i + 1] & 0xFF;
        if (second < min || second > max) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            if ((buf[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }
}
