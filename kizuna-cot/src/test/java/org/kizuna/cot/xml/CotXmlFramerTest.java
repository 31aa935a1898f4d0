package org.kizuna.cot.xml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.kizuna.cot.ChunkSplits;
import org.kizuna.cot.CotDecodeException.FrameTooLongException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CotXmlFramerTest {

    private static final String PING = "<event uid=\"p\" type=\"t-x-c-t\"><point lat=\"0\" lon=\"0\"/></event>";

    @ParameterizedTest
    @ValueSource(strings = {
        "sa-double-quoted-declaration.xml",
        "chat-single-quoted-declaration.xml"})
    void dropsTheDeclarationAndFramesFromEventToEndTag(String fixture) throws Exception {
        String text = new String(resource(fixture), UTF_8);
        String event = text.substring(text.indexOf("<event"), text.lastIndexOf("</event>") + 8);

        List<String> frames = feed(new CotXmlFramer(4096), resource(fixture), ChunkSplits.WHOLE);

        assertThat(frames).containsExactly(event);
    }

    @Test
    void skipsGarbageDecoysAndCommentsBetweenEvents() throws Exception {
        CotXmlFramer framer = new CotXmlFramer(4096);

        List<String> frames = feed(framer, resource("stream-with-garbage.xml"), ChunkSplits.WHOLE);

        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).startsWith("<event version=\"2.0\" uid=\"one\"").endsWith("<detail/></event>");
        assertThat(frames.get(1)).isEqualTo("<event uid=\"two\" remarks=\"a > b and c/>d\" type=\"a-u-G\"/>");
        assertThat(frames.get(2)).startsWith("<event\n\tuid=\"three\"").endsWith("<events/></detail></event >");
        assertThat(framer.buffered()).as("the trailing partial <eve").isEqualTo(4);
    }

    @Test
    void sameFramesWhateverTheChunking() throws Exception {
        byte[] stream = resource("stream-with-garbage.xml");
        List<String> whole = feed(new CotXmlFramer(4096), stream, ChunkSplits.WHOLE);

        for (int cut = 1; cut < stream.length; cut++) {
            assertThat(feed(new CotXmlFramer(4096), stream, ChunkSplits.at(cut))).as("cut at %d", cut)
                    .isEqualTo(whole);
        }
        assertThat(feed(new CotXmlFramer(4096), stream, ChunkSplits.BYTE_BY_BYTE)).isEqualTo(whole);
    }

    @Test
    void endTagSplitAtEveryPosition() throws Exception {
        String stream = "\n" + PING + "\r\n" + PING;
        int endTag = stream.indexOf("</event>");
        for (int cut = endTag; cut <= endTag + "</event>".length(); cut++) {
            assertThat(feed(new CotXmlFramer(4096), stream.getBytes(UTF_8), ChunkSplits.at(cut)))
                    .as("cut at %d", cut)
                    .containsExactly(PING, PING);
        }
    }

    @Test
    void multipleEventsInOneChunk() throws Exception {
        String stream = PING + PING + "\n" + PING;

        assertThat(feed(new CotXmlFramer(4096), stream.getBytes(UTF_8), ChunkSplits.WHOLE))
                .containsExactly(PING, PING, PING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<events>", "<eventx ", "<event-log>", "<Event ", "< event>", "<?event "})
    void lookalikesDoNotStartAFrame(String lookalike) throws Exception {
        String stream = lookalike + "x</event>" + PING;

        assertThat(feed(new CotXmlFramer(4096), stream.getBytes(UTF_8), ChunkSplits.BYTE_BY_BYTE))
                .containsExactly(PING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<event>", "<event ", "<event\t", "<event\n", "<event\r", "<event/>"})
    void anyDelimiterAfterTheNameStartsAFrame(String start) throws Exception {
        String frame = start.endsWith("/>") ? start : (start.endsWith(">") ? start : start + ">") + "</event>";

        assertThat(feed(new CotXmlFramer(4096), ("x<" + frame).getBytes(UTF_8), ChunkSplits.BYTE_BY_BYTE))
                .containsExactly(frame);
    }

    @Test
    void endTagMayHaveSpacesBeforeItsBracketButNotOtherText() throws Exception {
        String frame = "<event a=\"1\"><x></events></event-x></event\r\n >";

        assertThat(feed(new CotXmlFramer(4096), (frame + PING).getBytes(UTF_8), ChunkSplits.WHOLE))
                .containsExactly(frame, PING);
    }

    @Test
    void selfClosingEventDoesNotSwallowTheNextOne() throws Exception {
        String selfClosing = "<event uid='q' how=\"a'/>'\" />";

        assertThat(feed(new CotXmlFramer(4096), (selfClosing + "\n" + PING).getBytes(UTF_8), ChunkSplits.WHOLE))
                .containsExactly(selfClosing, PING);
    }

    @Test
    void frameExactlyAtTheLimitPasses() throws Exception {
        byte[] ping = PING.getBytes(UTF_8);

        for (ChunkSplits split : List.of(ChunkSplits.WHOLE, ChunkSplits.BYTE_BY_BYTE, ChunkSplits.at(7))) {
            CotXmlFramer framer = new CotXmlFramer(ping.length);
            assertThat(feed(framer, concat(ping, ping), split)).containsExactly(PING, PING);
            assertThat(framer.buffered()).isZero();
        }
    }

    @Test
    void frameOneByteOverTheLimitThrowsWithoutHoldingMore() {
        byte[] ping = PING.getBytes(UTF_8);

        for (ChunkSplits split : List.of(ChunkSplits.WHOLE, ChunkSplits.BYTE_BY_BYTE, ChunkSplits.at(20))) {
            CotXmlFramer framer = new CotXmlFramer(ping.length - 1);
            List<Integer> bufferedAfterEachChunk = new ArrayList<>();
            assertThatThrownBy(() -> {
                for (ChunkSplits.Chunk chunk : split.cut(ping)) {
                    framer.feed(chunk.data(), chunk.off(), chunk.len(), frame -> { });
                    bufferedAfterEachChunk.add(framer.buffered());
                }
            }).isInstanceOf(FrameTooLongException.class).hasMessageContaining("longer than " + (ping.length - 1));
            assertThat(bufferedAfterEachChunk).allMatch(b -> b <= ping.length - 1);
            assertThat(framer.buffered()).isZero();
        }
    }

    @Test
    void unterminatedEventFailsAtTheLimitInsideOneHugeChunk() {
        byte[] stream = ("<event uid=\"x\"><detail>" + "A".repeat(1 << 20)).getBytes(UTF_8);
        CotXmlFramer framer = new CotXmlFramer(1024);

        assertThatThrownBy(() -> framer.feed(stream, 0, stream.length, frame -> { }))
                .isInstanceOf(FrameTooLongException.class)
                .hasMessageContaining("1024 seen");
    }

    @Test
    void unterminatedStartTagCountsAgainstTheLimitToo() {
        byte[] stream = ("<event uid=\"" + "A".repeat(100)).getBytes(UTF_8);
        CotXmlFramer framer = new CotXmlFramer(64);

        assertThatThrownBy(() -> feed(framer, stream, ChunkSplits.at(10)))
                .isInstanceOf(FrameTooLongException.class);
    }

    @Test
    void garbageOnlyStreamHoldsNothing() throws Exception {
        CotXmlFramer framer = new CotXmlFramer(1024);
        byte[] garbage = "<eve<even<events>\u0000\u00ff</event> <<<<ev".repeat(10_000).getBytes(UTF_8);

        assertThat(feed(framer, garbage, new ChunkSplits(List.of(1, 13, 4096)))).isEmpty();
        assertThat(framer.buffered()).isEqualTo("<ev".length());
    }

    @Test
    void respectsTheOffsetAndLengthWindow() throws Exception {
        byte[] data = ("<event>" + PING + "</event>").getBytes(UTF_8);
        List<String> frames = new ArrayList<>();

        new CotXmlFramer(4096).feed(data, 7, PING.length(), f -> frames.add(new String(f, UTF_8)));

        assertThat(frames).containsExactly(PING);
    }

    @Test
    void rejectsALimitBelowTheSmallestFrame() {
        assertThatThrownBy(() -> new CotXmlFramer(7)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new CotXmlFramer(8)).isNotNull();
    }

    static List<String> feed(CotXmlFramer framer, byte[] stream, ChunkSplits split) throws FrameTooLongException {
        List<String> frames = new ArrayList<>();
        for (ChunkSplits.Chunk chunk : split.cut(stream)) {
            framer.feed(chunk.data(), chunk.off(), chunk.len(), f -> frames.add(new String(f, UTF_8)));
        }
        return frames;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] resource(String name) {
        try (InputStream in = CotXmlFramerTest.class.getResourceAsStream("/frames/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /frames/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void feedUntilStopsAfterTheRefusedFrameAndLeavesTheRestUnread() throws Exception {
        byte[] stream = ("<event uid=\"q\"></event>" + "\u00bfBINARY<event uid=\"later\"></event>").getBytes(UTF_8);
        CotXmlFramer framer = new CotXmlFramer(1024);
        List<String> seen = new ArrayList<>();
        int stop = framer.feedUntil(stream, 0, stream.length, frame -> {
            seen.add(new String(frame, UTF_8));
            return false;
        });
        assertThat(seen).containsExactly("<event uid=\"q\"></event>");
        assertThat(stop).isEqualTo("<event uid=\"q\"></event>".getBytes(UTF_8).length);
        assertThat(framer.buffered()).isZero();
        int all = framer.feedUntil(stream, stop, stream.length - stop, frame -> seen.add(new String(frame, UTF_8)));
        assertThat(all).isEqualTo(stream.length);
        assertThat(seen).containsExactly("<event uid=\"q\"></event>", "<event uid=\"later\"></event>");
    }
}
