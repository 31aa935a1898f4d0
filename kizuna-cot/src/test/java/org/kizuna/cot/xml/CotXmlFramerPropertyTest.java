package org.kizuna.cot.xml;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.kizuna.cot.ChunkSplits;
import org.kizuna.cot.CotDecodeException.FrameTooLongException;

/** Properties of {@link CotXmlFramer}: the frames depend on the bytes, never on how they were cut. */
class CotXmlFramerPropertyTest {

    private static final int LIMIT = 64 * 1024;

    @Property(tries = 300)
    void anySplitGivesTheEventsBack(
            @ForAll("events") List<String> events,
            @ForAll("separators") List<String> separators,
            @ForAll("splits") ChunkSplits split) throws Exception {
        byte[] stream = interleave(events, separators);

        assertThat(CotXmlFramerTest.feed(new CotXmlFramer(LIMIT), stream, split)).isEqualTo(events);
    }

    @Property(tries = 300)
    void garbageBetweenEventsChangesNothing(
            @ForAll("events") List<String> events,
            @ForAll("garbage") List<byte[]> garbage,
            @ForAll("splits") ChunkSplits split) throws Exception {
        byte[] clean = interleave(events, List.of("\n"));
        byte[] dirty = interleaveBytes(events, garbage);

        List<String> fromClean = CotXmlFramerTest.feed(new CotXmlFramer(LIMIT), clean, ChunkSplits.WHOLE);
        List<String> fromDirty = CotXmlFramerTest.feed(new CotXmlFramer(LIMIT), dirty, split);

        assertThat(fromDirty).isEqualTo(fromClean).isEqualTo(events);
    }

    /**
     * For any bytes at all, made mostly of the pieces the framer looks for, and any limit: chunked
     * and whole feeding agree on the frames and on whether the limit is broken.
     */
    @Property(tries = 1000)
    void anyBytesAnySplitSameOutcome(
            @ForAll("tokenSoup") byte[] stream,
            @ForAll @IntRange(min = CotXmlFramer.MIN_FRAME_BYTES, max = 120) int limit,
            @ForAll("splits") ChunkSplits split) {
        Outcome whole = Outcome.of(new CotXmlFramer(limit), stream, ChunkSplits.WHOLE);
        Outcome chunked = Outcome.of(new CotXmlFramer(limit), stream, split);

        assertThat(chunked.frames()).isEqualTo(whole.frames());
        assertThat(chunked.tooLong()).isEqualTo(whole.tooLong());
        assertThat(chunked.maxBuffered()).isLessThanOrEqualTo(limit);
        assertThat(chunked.frames()).allSatisfy(frame -> {
            assertThat(frame).startsWith("<event").endsWith(">");
            assertThat(frame.length()).isLessThanOrEqualTo(limit);
        });
    }

    /** Frames seen, whether the limit was broken, and the most held between reads. */
    record Outcome(List<String> frames, boolean tooLong, int maxBuffered) {

        static Outcome of(CotXmlFramer framer, byte[] stream, ChunkSplits split) {
            List<String> frames = new ArrayList<>();
            int maxBuffered = 0;
            try {
                for (ChunkSplits.Chunk chunk : split.cut(stream)) {
                    framer.feed(chunk.data(), chunk.off(), chunk.len(), f -> frames.add(new String(f, ISO_8859_1)));
                    maxBuffered = Math.max(maxBuffered, framer.buffered());
                }
                return new Outcome(frames, false, maxBuffered);
            } catch (FrameTooLongException e) {
                return new Outcome(frames, true, Math.max(maxBuffered, framer.buffered()));
            }
        }
    }

    @Provide
    Arbitrary<ChunkSplits> splits() {
        return ChunkSplits.arbitrary();
    }

    @Provide
    Arbitrary<List<String>> events() {
        return event().list().ofMaxSize(6);
    }

    /** What TAK clients put between events: nothing, newlines, declarations in either quote style. */
    @Provide
    Arbitrary<List<String>> separators() {
        return Arbitraries.of(
                        "", "\n", "\r\n", " \t ",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
                        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n",
                        "\n<?xml version=\"1.0\"?>\n")
                .list().ofMinSize(1).ofMaxSize(4);
    }

    /** Any bytes that do not contain {@code <event}, weighted towards near misses. */
    @Provide
    Arbitrary<List<byte[]>> garbage() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(12),
                Arbitraries.of("<", "<e", "<eve", "<even", "<events>", "</event>", "<eventx", ">", "/>", "<!-- -->"));
        return pieces.list().ofMaxSize(6)
                .map(p -> String.join("", p).getBytes(ISO_8859_1))
                .filter(bytes -> !new String(bytes, ISO_8859_1).contains("<event"))
                .list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<byte[]> tokenSoup() {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(
                        "<event", "<event ", "<event>", "<event/>", "</event>", "</event", " ", "\n", ">", "/", "/>",
                        "\"", "'", "<", "<events>", "a=\"x>\"", "</event \n>")),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(30)));
        return token.list().ofMaxSize(40).map(t -> String.join("", t).getBytes(ISO_8859_1));
    }

    private static Arbitrary<String> event() {
        Arbitrary<String> delimiter = Arbitraries.of(" ", "\t", "\n", "\r\n  ");
        Arbitrary<String> attributes = attribute().list().ofMaxSize(4).map(a -> String.join(" ", a));
        Arbitrary<String> endTag = Arbitraries.of("</event>", "</event >", "</event\n>");
        Arbitrary<String> rest = Arbitraries.oneOf(
                Arbitraries.of("/>", " />"),
                Combinators.combine(Arbitraries.of(">", " >"), content(), endTag).as((gt, c, e) -> gt + c + e));
        return Combinators.combine(delimiter, attributes, rest).as((d, a, r) -> "<event" + d + a + r);
    }

    private static Arbitrary<String> attribute() {
        Arbitrary<String> name = Arbitraries.of("uid", "type", "how", "time", "a");
        Arbitrary<String> value = Arbitraries.strings().withChars("abc09 -:.>/='").ofMaxLength(10);
        Arbitrary<String> doubleQuoted = Combinators.combine(name, value).as((n, v) -> n + "=\"" + v + "\"");
        Arbitrary<String> singleQuoted = Combinators.combine(name, value.map(v -> v.replace('\'', '"')))
                .as((n, v) -> n + "='" + v + "'");
        return Arbitraries.oneOf(doubleQuoted, singleQuoted);
    }

    /** Element content: text without markup, children, and tags that only look like the end tag. */
    private static Arbitrary<String> content() {
        Arbitrary<String> text = Arbitraries.strings().withChars("xyz \n\t&;>\"'/é漢").ofMaxLength(15);
        Arbitrary<String> tags = Arbitraries.of(
                "<point lat=\"35.1\" lon=\"139.2\"/>", "<detail>", "</detail>", "<events/>", "</events>",
                "<eventx>", "</event-log>", "</eventual >", "<event>", "<![CDATA[ x ]]>", "<!-- e -->");
        return Arbitraries.oneOf(text, tags).list().ofMaxSize(8).map(c -> String.join("", c));
    }

    private static byte[] interleave(List<String> events, List<String> separators) {
        List<byte[]> bytes = separators.stream().map(s -> s.getBytes(UTF_8)).toList();
        return interleaveBytes(events, bytes);
    }

    /** separator[0] event[0] separator[1] event[1] ... cycling through the separators. */
    private static byte[] interleaveBytes(List<String> events, List<byte[]> separators) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = 0; n < events.size(); n++) {
            out.writeBytes(separators.get(n % separators.size()));
            out.writeBytes(events.get(n).getBytes(UTF_8));
        }
        out.writeBytes(separators.get(events.size() % separators.size()));
        return out.toByteArray();
    }
}
