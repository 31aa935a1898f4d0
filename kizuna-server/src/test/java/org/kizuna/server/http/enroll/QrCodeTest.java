package org.kizuna.server.http.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The QR encoder against references made outside this code: the codewords of "HELLO" as the
 * Python {@code qrcode} package computes them, and the whole symbol as OpenCV's detector read it
 * back when the encoder was written (versions 1, 4, 6, 8 and 10 all decoded, terminal rendering
 * included).
 */
class QrCodeTest {

    /** Version 1-M "HELLO" in byte mode: 16 data codewords, then 10 of error correction. */
    private static final int[] HELLO_CODEWORDS = {64, 84, 132, 84, 196, 196, 240, 236, 17, 236, 17, 236, 17, 236, 17,
        236, 35, 115, 35, 153, 236, 8, 201, 247, 55, 223};

    /** The symbol OpenCV decoded as "HELLO" (mask 3). */
    private static final String[] HELLO_MODULES = {
        "111111101001001111111", "100000101111001000001", "101110100010101011101", "101110101010101011101",
        "101110100001001011101", "100000100001101000001", "111111101010101111111", "000000001001100000000",
        "101101110101101001011", "011011010111111001100", "100010100101000000011", "101100010001001111010",
        "010111111000100100101", "000000001111001000101", "111111101001100100000", "100000101010000111110",
        "101110100000111111011", "101110101011001011110", "101110101100101100100", "100000100010010110001",
        "111111101010010100000"};

    @Test
    void theCodewordsAreTheReferenceEncoders() {
        byte[] codewords = QrCode.codewords(1, "HELLO".getBytes(StandardCharsets.US_ASCII));

        int[] unsigned = new int[codewords.length];
        for (int i = 0; i < codewords.length; i++) {
            unsigned[i] = codewords[i] & 0xff;
        }
        assertThat(unsigned).containsExactly(HELLO_CODEWORDS);
    }

    @Test
    void theSymbolIsTheOneADecoderRead() {
        QrCode qr = QrCode.encode("HELLO");

        assertThat(qr.version).isEqualTo(1);
        assertThat(qr.mask()).isEqualTo(3);
        assertThat(rows(qr)).containsExactly(HELLO_MODULES);
    }

    @Test
    void aQuickConnectUriFitsAndTheVersionGrowsWithTheText() {
        String uri = new QuickConnect("tak.example.jp", "alice", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd").uri();

        QrCode qr = QrCode.encode(uri);

        assertThat(qr.version).isBetween(6, QrCode.MAX_VERSION);
        assertThat(qr.size).isEqualTo(qr.version * 4 + 17);
        assertThat(QrCode.encode("x".repeat(200)).version).isEqualTo(10);
        assertThatThrownBy(() -> QrCode.encode("x".repeat(300))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTerminalShowsTwoRowsPerLineInsideAQuietZone() {
        QrCode qr = QrCode.encode("HELLO");

        String[] lines = qr.toTerminal().split("\n");

        assertThat(lines).hasSize((21 + 4 + 1) / 2);
        assertThat(lines[0]).hasSize(25).matches("█+"); // quiet zone: light
        assertThat(lines[1].substring(2, 9)).isEqualTo(" ▄▄▄▄▄ "); // finder's top edge, dark under light
    }

    @Test
    void theSvgPathDrawsExactlyTheDarkModulesInsideAQuietZoneOfFour() {
        QrCode qr = QrCode.encode("tak://com.atakmap.app/enroll?host=example.org&username=alice&token=abc");
        String svg = qr.toSvg();

        int side = qr.size + 8;
        assertThat(svg).startsWith("<svg ").endsWith("</svg>").contains("viewBox=\"0 0 " + side + " " + side + "\"");
        java.util.regex.Matcher d = java.util.regex.Pattern.compile("<path [^>]*d=\"([^\"]+)\"").matcher(svg);
        assertThat(d.find()).isTrue();
        assertThat(d.find()).as("one path").isFalse();
        boolean[][] drawn = new boolean[qr.size][qr.size];
        java.util.regex.Matcher run = java.util.regex.Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-\\3z")
                .matcher(svg.replaceAll("(?s).*d=\"([^\"]+)\".*", "$1"));
        int end = 0;
        while (run.find()) {
            assertThat(run.start()).isEqualTo(end);
            end = run.end();
            int x = Integer.parseInt(run.group(1)) - 4;
            int y = Integer.parseInt(run.group(2)) - 4;
            for (int i = 0; i < Integer.parseInt(run.group(3)); i++) {
                drawn[y][x + i] = true;
            }
        }
        List<String> fromSvg = new ArrayList<>();
        for (boolean[] row : drawn) {
            StringBuilder r = new StringBuilder();
            for (boolean b : row) {
                r.append(b ? '1' : '0');
            }
            fromSvg.add(r.toString());
        }
        assertThat(fromSvg).isEqualTo(rows(qr));
    }

    private static List<String> rows(QrCode qr) {
        List<String> rows = new ArrayList<>();
        for (int y = 0; y < qr.size; y++) {
            StringBuilder row = new StringBuilder();
            for (int x = 0; x < qr.size; x++) {
                row.append(qr.isDark(x, y) ? '1' : '0');
            }
            rows.add(row.toString());
        }
        return rows;
    }
}
