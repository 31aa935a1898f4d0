package org.kizuna.cot.proto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.kizuna.cot.ChunkSplits;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotDecodeException.BadProtobufException;
import org.kizuna.cot.CotDecodeException.FrameTooLongException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TakStreamFramerTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void framesWithMagicAndVarintLength() {
        assertThat(HEX.formatHex(TakStreamFramer.frame(HEX.parseHex("0a0141")))).isEqualTo("bf030a0141");
        assertThat(HEX.formatHex(TakStreamFramer.frame(new byte[0]))).isEqualTo("bf00");
        assertThat(HEX.formatHex(TakStreamFramer.frame(new byte[300]), 0, 3)).isEqualTo("bfac02");
    }

    @Test
    void multipleFramesInOneChunk() throws Exception {
        byte[] stream = HEX.parseHex("bf030a0141" + "bf00" + "bf0112");

        assertThat(feed(new TakStreamFramer(64), stream, ChunkSplits.WHOLE))
                .containsExactly("0a0141", "", "12");
    }

    @Test
    void sameFramesWhereverTheStreamIsCut() throws Exception {
        byte[] big = new byte[300];
        big[0] = 0x0a;
        big[299] = 0x7f;
        byte[] stream = concat(TakStreamFramer.frame(big), HEX.parseHex("bf030a0141bf00"));
        List<String> whole = feed(new TakStreamFramer(1024), stream, ChunkSplits.WHOLE);
        assertThat(whole).containsExactly(HEX.formatHex(big), "0a0141", "");

        for (int cut = 1; cut < stream.length; cut++) {
            assertThat(feed(new TakStreamFramer(1024), stream, ChunkSplits.at(cut))).as("cut at %d", cut)
                    .isEqualTo(whole);
        }
        assertThat(feed(new TakStreamFramer(1024), stream, ChunkSplits.BYTE_BY_BYTE)).isEqualTo(whole);
    }

    @Test
    void heldBytesGrowWithWhatArrivedNotWithTheAnnouncedLength() throws Exception {
        TakStreamFramer framer = new TakStreamFramer(64 * 1024);
        byte[] framed = TakStreamFramer.frame(new byte[60_000]);

        framer.feed(framed, 0, 4 + 10, p -> { });

        assertThat(framer.buffered()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0a0141", "00", "bf030a0141" + "0a"})
    void missingMagicIsBadProtobuf(String hex) {
        byte[] stream = HEX.parseHex(hex);

        assertThatThrownBy(() -> feed(new TakStreamFramer(64), stream, ChunkSplits.WHOLE))
                .isInstanceOf(BadProtobufException.class)
                .hasMessageContaining("magic");
    }

    @Test
    void xmlWhereProtobufWasNegotiatedSaysSo() {
        byte[] stream = "<event".getBytes(US_ASCII);

        assertThatThrownBy(() -> feed(new TakStreamFramer(64), stream, ChunkSplits.WHOLE))
                .isInstanceOf(BadProtobufException.class)
                .hasMessageContaining("XML");
    }

    @Test
    void hugeAnnouncedLengthIsRejectedBeforeAnyPayloadIsHeld() throws Exception {
        // 0xbf, varint(2^31 - 1), and then nothing: the framer must not wait for 2 GiB.
        byte[] header = HEX.parseHex("bfffffffff07");
        TakStreamFramer framer = new TakStreamFramer(64 * 1024);

        framer.feed(header, 0, header.length - 1, p -> { });
        assertThat(framer.buffered()).isZero();
        assertThatThrownBy(() -> framer.feed(header, header.length - 1, 1, p -> { }))
                .isInstanceOf(FrameTooLongException.class)
                .hasMessageContaining("2147483647");
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void lengthExactlyAtTheLimitPassesAndOneMoreDoesNot() throws Exception {
        byte[] payload = new byte[100];

        assertThat(feed(new TakStreamFramer(100), TakStreamFramer.frame(payload), ChunkSplits.BYTE_BY_BYTE))
                .hasSize(1);
        assertThatThrownBy(() -> feed(new TakStreamFramer(99), TakStreamFramer.frame(payload), ChunkSplits.WHOLE))
                .isInstanceOf(FrameTooLongException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "bf8080808080",    // sixth varint byte would follow: longer than 5 bytes
        "bf808080808000",  // zero, padded to six bytes
        "bfffffffff0f",    // 2^32 - 1: fits 5 bytes, not an int
        "bf8080808008"})   // 2^31: one past Integer.MAX_VALUE
    void overlongOrOverflowingVarintIsBadProtobuf(String hex) {
        byte[] stream = HEX.parseHex(hex);

        assertThatThrownBy(() -> feed(new TakStreamFramer(64), stream, ChunkSplits.BYTE_BY_BYTE))
                .isInstanceOf(BadProtobufException.class)
                .hasMessageContaining("varint");
    }

    @Test
    void nonMinimalVarintWithinFiveBytesIsAccepted() throws Exception {
        // 0x83 0x80 0x00 = 3, padded: allowed by protobuf decoders, and harmless.
        assertThat(feed(new TakStreamFramer(64), HEX.parseHex("bf8380000a0141"), ChunkSplits.WHOLE))
                .containsExactly("0a0141");
    }

    @Test
    void respectsTheOffsetAndLengthWindow() throws Exception {
        byte[] data = HEX.parseHex("bf7f" + "bf0141" + "bf7f");
        List<String> payloads = new ArrayList<>();

        new TakStreamFramer(64).feed(data, 2, 3, p -> payloads.add(HEX.formatHex(p)));

        assertThat(payloads).containsExactly("41");
    }

    static List<String> feed(TakStreamFramer framer, byte[] stream, ChunkSplits split) throws CotDecodeException {
        List<String> payloads = new ArrayList<>();
        for (ChunkSplits.Chunk chunk : split.cut(stream)) {
            framer.feed(chunk.data(), chunk.off(), chunk.len(), p -> payloads.add(HEX.formatHex(p)));
        }
        return payloads;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
