package org.kizuna.cot.xml;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.kizuna.cot.ChunkSplits;
import org.kizuna.cot.CotDecodeException.FrameTooLongException;
import org.kizuna.cot.CotLimits;

/**
 * Fuzz target for {@link CotXmlFramer}. Without {@code JAZZER_FUZZ} it replays the committed
 * inputs in {@code CotXmlFramerFuzzTestInputs/framing}; see {@code kizuna-cot/FUZZING.md}.
 *
 * <p>Input: byte 0 picks the limit, byte 1 picks the chunk sizes, the rest is the stream. The
 * contract: every chunk either yields frames or throws {@link FrameTooLongException}; nothing else
 * escapes; {@code buffered()} never exceeds the limit; each frame is an event within the limit;
 * and the frames and the outcome are the same as when the stream arrives in one piece.
 */
class CotXmlFramerFuzzTest {

    /** {@code <event/>}, or {@code <event} and a delimiter, ending with {@code />} or the end tag. */
    private static final Pattern COMPLETE =
            Pattern.compile("(?s)<event(/>|[ \t\r\n>/].*(/>|</event[ \t\r\n]*>))");

    @FuzzTest
    void framing(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int selector = input[0] & 0xff;
        int limit = selector == 0xff
                ? CotLimits.DEFAULTS.maxFrameBytes()
                : CotXmlFramer.MIN_FRAME_BYTES + 2 * selector;
        ChunkSplits split = ChunkSplits.seeded(input[1], 1 + (input[1] & 0x3f));
        byte[] stream = Arrays.copyOfRange(input, 2, input.length);

        Outcome chunked = run(limit, stream, split);
        Outcome whole = run(limit, stream, ChunkSplits.WHOLE);

        assertThat(chunked.frames()).isEqualTo(whole.frames());
        assertThat(chunked.tooLong()).isEqualTo(whole.tooLong());
        for (String frame : chunked.frames()) {
            assertThat(frame.length()).isLessThanOrEqualTo(limit);
            assertThat(frame).matches(COMPLETE);
        }
    }

    private record Outcome(List<String> frames, boolean tooLong) {
    }

    private static Outcome run(int limit, byte[] stream, ChunkSplits split) {
        CotXmlFramer framer = new CotXmlFramer(limit);
        List<String> frames = new ArrayList<>();
        try {
            for (ChunkSplits.Chunk chunk : split.cut(stream)) {
                framer.feed(chunk.data(), chunk.off(), chunk.len(), f -> frames.add(new String(f, ISO_8859_1)));
                assertThat(framer.buffered()).isBetween(0, limit);
            }
            return new Outcome(frames, false);
        } catch (FrameTooLongException e) {
            assertThat(framer.buffered()).isBetween(0, limit);
            return new Outcome(frames, true);
        }
    }
}
