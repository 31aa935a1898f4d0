package org.kizuna.server.http.enroll;

import java.nio.charset.StandardCharsets;

/**
 * A QR code (ISO/IEC 18004, model 2) of a short text, for a phone to scan off the terminal or the web page:
 * byte mode, error correction level M, versions 1 to 10 (up to 213 bytes: a QuickConnect URI is
 * about 120). Maven Central's encoders were not available to this build, and this much of the
 * standard is small. The mask is the one of the eight with the lowest penalty (the standard's
 * rules 1, 2 and 4).
 */
public final class QrCode {

    static final int MAX_VERSION = 10;
    /** Level M: error correction codewords per block, and blocks, by version (index 0 unused). */
    private static final int[] ECC_PER_BLOCK = {0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26};
    private static final int[] BLOCKS = {0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5};
    /** Format bits of level M. */
    private static final int LEVEL_M = 0;

    final int version;
    final int size;
    final boolean[][] dark;
    private final boolean[][] function;
    private int mask;

    private QrCode(int version) {
        this.version = version;
        this.size = version * 4 + 17;
        this.dark = new boolean[size][size];
        this.function = new boolean[size][size];
    }

    /** The smallest code of {@code text}; fails when it needs more than version {@value #MAX_VERSION}. */
    public static QrCode encode(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        for (int v = 1; v <= MAX_VERSION; v++) {
            int capacityBits = dataCodewords(v) * 8;
            int needed = 4 + (v < 10 ? 8 : 16) + data.length * 8;
            if (needed <= capacityBits) {
                return build(v, data);
            }
        }
        throw new IllegalArgumentException("too long for a QR code here: " + data.length + " bytes");
    }

    private static QrCode build(int version, byte[] data) {
        QrCode qr = new QrCode(version);
        qr.drawFunctionPatterns();
        qr.placeData(codewords(version, data));
        int bestMask = 0;
        long bestPenalty = Long.MAX_VALUE;
        for (int m = 0; m < 8; m++) {
            qr.applyMask(m);
            qr.drawFormat(m);
            long p = qr.penalty();
            if (p < bestPenalty) {
                bestPenalty = p;
                bestMask = m;
            }
            qr.applyMask(m); // XOR again: undone
        }
        qr.applyMask(bestMask);
        qr.drawFormat(bestMask);
        qr.mask = bestMask;
        return qr;
    }

    /** The mask pattern chosen (0 to 7). */
    int mask() {
        return mask;
    }

    /**
     * Two rows of modules per line with Unicode half blocks, light modules drawn (terminals show
     * light text on dark), inside a quiet zone of two modules.
     */
    public String toTerminal() {
        int quiet = 2;
        StringBuilder out = new StringBuilder();
        for (int y = -quiet; y < size + quiet; y += 2) {
            for (int x = -quiet; x < size + quiet; x++) {
                boolean top = !isDark(x, y);
                boolean bottom = y + 1 < size + quiet && !isDark(x, y + 1);
                out.append(top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * An SVG of the code: one path of the dark modules (one unit each, one subpath per run in a
     * row) inside a white quiet zone of 4 modules, as the standard asks for scanning off a screen.
     * The browser scales it; {@code shape-rendering} keeps the edges sharp.
     */
    public String toSvg() {
        int quiet = 4;
        int side = size + 2 * quiet;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (isDark(x, y) && !isDark(x - 1, y)) {
                    int run = 1;
                    while (isDark(x + run, y)) {
                        run++;
                    }
                    path.append('M').append(x + quiet).append(',').append(y + quiet)
                            .append('h').append(run).append("v1h-").append(run).append('z');
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + ' ' + side
                + "\" shape-rendering=\"crispEdges\"><rect width=\"" + side + "\" height=\"" + side
                + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    public boolean isDark(int x, int y) {
        return x >= 0 && y >= 0 && x < size && y < size && dark[y][x];
    }

    // ---- function patterns ----

    private void drawFunctionPatterns() {
        for (int i = 0; i < size; i++) {
            set(6, i, i % 2 == 0);
            set(i, 6, i % 2 == 0);
        }
        finder(3, 3);
        finder(size - 4, 3);
        finder(3, size - 4);
        int[] align = alignmentPositions();
        for (int i = 0; i < align.length; i++) {
            for (int j = 0; j < align.length; j++) {
                boolean corner = (i == 0 && j == 0) || (i == 0 && j == align.length - 1) || (i == align.length - 1 && j == 0);
                if (!corner) {
                    alignment(align[i], align[j]);
                }
            }
        }
        drawFormat(0); // reserves the format areas; redrawn with the chosen mask
        drawVersion();
    }

    private void finder(int cx, int cy) {
        for (int dy = -4; dy <= 4; dy++) {
            for (int dx = -4; dx <= 4; dx++) {
                int x = cx + dx;
                int y = cy + dy;
                if (x >= 0 && y >= 0 && x < size && y < size) {
                    int d = Math.max(Math.abs(dx), Math.abs(dy));
                    set(x, y, d != 2 && d != 4);
                }
            }
        }
    }

    private void alignment(int cx, int cy) {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) != 1);
            }
        }
    }

    private int[] alignmentPositions() {
        if (version == 1) {
            return new int[0];
        }
        int count = version / 7 + 2;
        int step = (int) Math.ceil((size - 13) / (double) (count * 2 - 2)) * 2;
        int[] positions = new int[count];
        positions[0] = 6;
        for (int i = count - 1, pos = size - 7; i >= 1; i--, pos -= step) {
            positions[i] = pos;
        }
        return positions;
    }

    private void drawFormat(int m) {
        int data = LEVEL_M << 3 | m;
        int rem = data;
        for (int i = 0; i < 10; i++) {
            rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
        }
        int bits = (data << 10 | rem) ^ 0x5412;
        for (int i = 0; i <= 5; i++) {
            set(8, i, bit(bits, i));
        }
        set(8, 7, bit(bits, 6));
        set(8, 8, bit(bits, 7));
        set(7, 8, bit(bits, 8));
        for (int i = 9; i < 15; i++) {
            set(14 - i, 8, bit(bits, i));
        }
        for (int i = 0; i < 8; i++) {
            set(size - 1 - i, 8, bit(bits, i));
        }
        for (int i = 8; i < 15; i++) {
            set(8, size - 15 + i, bit(bits, i));
        }
        set(8, size - 8, true); // the dark module
    }

    private void drawVersion() {
        if (version < 7) {
            return;
        }
        int rem = version;
        for (int i = 0; i < 12; i++) {
            rem = (rem << 1) ^ ((rem >>> 11) * 0x1F25);
        }
        int bits = version << 12 | rem;
        for (int i = 0; i < 18; i++) {
            int a = size - 11 + i % 3;
            int b = i / 3;
            set(a, b, bit(bits, i));
            set(b, a, bit(bits, i));
        }
    }

    private void set(int x, int y, boolean isDark) {
        dark[y][x] = isDark;
        function[y][x] = true;
    }

    private static boolean bit(int value, int i) {
        return ((value >>> i) & 1) != 0;
    }

    // ---- data ----

    private static int rawDataModules(int v) {
        int result = (16 * v + 128) * v + 64;
        if (v >= 2) {
            int align = v / 7 + 2;
            result -= (25 * align - 10) * align - 55;
            if (v >= 7) {
                result -= 36;
            }
        }
        return result;
    }

    static int dataCodewords(int v) {
        return rawDataModules(v) / 8 - ECC_PER_BLOCK[v] * BLOCKS[v];
    }

    /** Mode, count, bytes, terminator and padding, split in blocks with their error correction, interleaved. */
    static byte[] codewords(int version, byte[] text) {
        int capacity = dataCodewords(version);
        BitBuffer bits = new BitBuffer(capacity * 8);
        bits.append(0b0100, 4);
        bits.append(text.length, version < 10 ? 8 : 16);
        for (byte b : text) {
            bits.append(b & 0xff, 8);
        }
        bits.append(0, Math.min(4, capacity * 8 - bits.length));
        bits.append(0, (8 - bits.length % 8) % 8);
        for (int pad = 0xEC; bits.length < capacity * 8; pad ^= 0xEC ^ 0x11) {
            bits.append(pad, 8);
        }
        return interleave(version, bits.bytes);
    }

    private static byte[] interleave(int version, byte[] data) {
        int blocks = BLOCKS[version];
        int eccLen = ECC_PER_BLOCK[version];
        int raw = rawDataModules(version) / 8;
        int shortBlocks = blocks - raw % blocks;
        int shortLen = raw / blocks;
        byte[][] dataBlocks = new byte[blocks][];
        byte[][] eccBlocks = new byte[blocks][];
        byte[] generator = ReedSolomon.generator(eccLen);
        for (int i = 0, k = 0; i < blocks; i++) {
            int len = shortLen - eccLen + (i < shortBlocks ? 0 : 1);
            dataBlocks[i] = java.util.Arrays.copyOfRange(data, k, k + len);
            eccBlocks[i] = ReedSolomon.remainder(dataBlocks[i], generator);
            k += len;
        }
        byte[] out = new byte[raw];
        int n = 0;
        for (int i = 0; i <= shortLen - eccLen; i++) {
            for (byte[] block : dataBlocks) {
                if (i < block.length) {
                    out[n++] = block[i];
                }
            }
        }
        for (int i = 0; i < eccLen; i++) {
            for (byte[] block : eccBlocks) {
                out[n++] = block[i];
            }
        }
        return out;
    }

    /** The zigzag: two columns at a time from the right, up then down, around the function patterns. */
    private void placeData(byte[] codewords) {
        int i = 0;
        for (int right = size - 1; right >= 1; right -= 2) {
            if (right == 6) {
                right = 5;
            }
            for (int vert = 0; vert < size; vert++) {
                for (int j = 0; j < 2; j++) {
                    int x = right - j;
                    boolean upward = ((right + 1) & 2) == 0;
                    int y = upward ? size - 1 - vert : vert;
                    if (!function[y][x] && i < codewords.length * 8) {
                        dark[y][x] = bit(codewords[i >>> 3], 7 - (i & 7));
                        i++;
                    }
                }
            }
        }
    }

    private void applyMask(int m) {
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean invert = switch (m) {
                    case 0 -> (x + y) % 2 == 0;
                    case 1 -> y % 2 == 0;
                    case 2 -> x % 3 == 0;
                    case 3 -> (x + y) % 3 == 0;
                    case 4 -> (x / 3 + y / 2) % 2 == 0;
                    case 5 -> x * y % 2 + x * y % 3 == 0;
                    case 6 -> (x * y % 2 + x * y % 3) % 2 == 0;
                    default -> ((x + y) % 2 + x * y % 3) % 2 == 0;
                };
                if (invert && !function[y][x]) {
                    dark[y][x] = !dark[y][x];
                }
            }
        }
    }

    /** Rules 1 (runs of five or more), 2 (2x2 blocks) and 4 (balance); rule 3 only sharpens the choice. */
    private long penalty() {
        long p = 0;
        for (int a = 0; a < size; a++) {
            int rowRun = 1;
            int colRun = 1;
            for (int b = 1; b < size; b++) {
                rowRun = dark[a][b] == dark[a][b - 1] ? rowRun + 1 : 1;
                colRun = dark[b][a] == dark[b - 1][a] ? colRun + 1 : 1;
                p += rowRun == 5 ? 3 : rowRun > 5 ? 1 : 0;
                p += colRun == 5 ? 3 : colRun > 5 ? 1 : 0;
            }
        }
        int darkCount = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                darkCount += dark[y][x] ? 1 : 0;
                if (x > 0 && y > 0 && dark[y][x] == dark[y - 1][x] && dark[y][x] == dark[y][x - 1]
                        && dark[y][x] == dark[y - 1][x - 1]) {
                    p += 3;
                }
            }
        }
        int total = size * size;
        int k = (Math.abs(darkCount * 20 - total * 10) + total - 1) / total - 1;
        return p + Math.max(0, k) * 10L;
    }

    private static final class BitBuffer {
        final byte[] bytes;
        int length;

        BitBuffer(int capacityBits) {
            bytes = new byte[capacityBits / 8];
        }

        void append(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                if (((value >>> i) & 1) != 0) {
                    bytes[length >>> 3] |= (byte) (0x80 >>> (length & 7));
                }
                length++;
            }
        }
    }

    /** Reed-Solomon over GF(2^8) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1. */
    static final class ReedSolomon {
        private ReedSolomon() {
        }

        /** The generator of degree {@code degree}, leading 1 left out, highest power first. */
        static byte[] generator(int degree) {
            byte[] g = new byte[degree];
            g[degree - 1] = 1;
            int root = 1;
            for (int i = 0; i < degree; i++) {
                for (int j = 0; j < degree; j++) {
                    g[j] = (byte) multiply(g[j] & 0xff, root);
                    if (j + 1 < degree) {
                        g[j] ^= g[j + 1];
                    }
                }
                root = multiply(root, 0x02);
            }
            return g;
        }

        static byte[] remainder(byte[] data, byte[] generator) {
            byte[] r = new byte[generator.length];
            for (byte b : data) {
                int factor = (b ^ r[0]) & 0xff;
                System.arraycopy(r, 1, r, 0, r.length - 1);
                r[r.length - 1] = 0;
                for (int i = 0; i < r.length; i++) {
                    r[i] ^= (byte) multiply(generator[i] & 0xff, factor);
                }
            }
            return r;
        }

        static int multiply(int x, int y) {
            int z = 0;
            for (int i = 7; i >= 0; i--) {
                z = (z << 1) ^ ((z >>> 7) * 0x11D);
                z ^= ((y >>> i) & 1) * x;
            }
            return z & 0xff;
        }
    }
}
