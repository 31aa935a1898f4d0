package org.kizuna.cot.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.kizuna.cot.ChunkSplits;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotDecodeException.BadProtobufException;
import org.kizuna.cot.CotDecodeException.FrameTooLongException;
import org.kizuna.cot.CotLimits;

/**
 * Fuzz target for {@link TakStreamFramer}, and for {@link TakMeshFrame#unwrap} on the same bytes.
 * Without {@code JAZZER_FUZZ} it replays the committed inputs in
 * {@code TakStreamFramerFuzzTestInputs/framing}; see {@code kizuna-cot/FUZZING.md}.
 *
 * <p>Input: byte 0 picks the limit, byte 1 picks the chunk sizes, the rest is the stream. The
 * contract: every chunk either yields payloads or throws {@link BadProtobufException} or
 * {@link FrameTooLongException}; nothing else escapes; {@code buffered()} never exceeds the limit;
 * no payload exceeds it; each payload framed again reads back the same; and payloads and outcome
 * are the same as when the stream arrives in one piece.
 */
class TakStreamFramerFuzzTest {

    private static final HexFormat HEX = HexFormat.of();

    @FuzzTest
    void framing(byte[] input) throws CotDecodeException {
        if (input.length < 2) {
            return;
        }
        int selector = input[0] & 0xff;
        int limit = selector == 0xff ? CotLimits.DEFAULTS.maxFrameBytes() : 1 + 4 * selector;
        ChunkSplits split = ChunkSplits.seeded(input[1], 1 + (input[1] & 0x3f));
        byte[] stream = Arrays.copyOfRange(input, 2, input.length);

        Outcome chunked = run(limit, stream, split);
        Outcome whole = run(limit, stream, ChunkSplits.WHOLE);

        assertThat(chunked.payloads()).isEqualTo(whole.payloads());
        assertThat(chunked.error()).isEqualTo(whole.error());
        for (String hex : chunked.payloads()) {
            byte[] payload = HEX.parseHex(hex);
            assertThat(payload.length).isLessThanOrEqualTo(limit);
            assertThat(run(limit, TakStreamFramer.frame(payload), ChunkSplits.WHOLE).payloads()).containsExactly(hex);
        }
        unwrapAsMesh(stream);
    }

    private static void unwrapAsMesh(byte[] datagram) throws CotDecodeException {
        try {
            byte[] payload = TakMeshFrame.unwrap(datagram);
            assertThat(payload.length).isLessThanOrEqualTo(datagram.length - 3);
        } catch (BadProtobufException e) {
            // The declared outcome for a bad header; anything else escapes as a finding.
        }
    }

    private record Outcome(List<String> payloads, Class<? extends CotDecodeException> error) {
    }

    private static Outcome run(int limit, byte[] stream, ChunkSplits split) throws CotDecodeException {
        TakStreamFramer framer = new TakStreamFramer(limit);
        List<String> payloads = new ArrayList<>();
        try {
            for (ChunkSplits.Chunk chunk : split.cut(stream)) {
                framer.feed(chunk.data(), chunk.off(), chunk.len(), p -> payloads.add(HEX.formatHex(p)));
                assertThat(framer.buffered()).isBetween(0, limit);
            }
            return new Outcome(payloads, null);
        } catch (BadProtobufException | FrameTooLongException e) {
            assertThat(framer.buffered()).isBetween(0, limit);
            return new Outcome(payloads, e.getClass());
        }
    }
}
