package org.kizuna.cot.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.kizuna.cot.ChunkSplits;
import org.kizuna.cot.CotDecodeException;

/** Properties of {@link TakStreamFramer} and {@link TakMeshFrame}. */
class TakStreamFramerPropertyTest {

    private static final HexFormat HEX = HexFormat.of();

    @Property(tries = 300)
    void frameThenFeedGivesThePayloadBack(@ForAll @Size(max = 2000) byte[] payload) throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        byte[] framed = TakStreamFramer.frame(payload);

        new TakStreamFramer(payload.length + 1).feed(framed, 0, framed.length, payloads::add);

        assertThat(payloads).containsExactly(payload);
    }

    @Property(tries = 300)
    void anySplitGivesThePayloadsBack(
            @ForAll("payloads") List<byte[]> payloads,
            @ForAll("splits") ChunkSplits split) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        payloads.forEach(p -> stream.writeBytes(TakStreamFramer.frame(p)));

        List<String> fed = TakStreamFramerTest.feed(new TakStreamFramer(1000), stream.toByteArray(), split);

        assertThat(fed).isEqualTo(payloads.stream().map(HEX::formatHex).toList());
    }

    @Property(tries = 300)
    void meshWrapThenUnwrapGivesThePayloadBack(@ForAll @Size(max = 2000) byte[] payload) throws Exception {
        byte[] datagram = TakMeshFrame.wrap(payload);

        assertThat(TakMeshFrame.isXml(datagram)).isFalse();
        assertThat(TakMeshFrame.unwrap(datagram)).isEqualTo(payload);
    }

    /**
     * For any bytes, made mostly of magic bytes, short and long varints and plain bytes, and any
     * limit: chunked and whole feeding agree on the payloads and on the error, if any.
     */
    @Property(tries = 1000)
    void anyBytesAnySplitSameOutcome(
            @ForAll("tokenSoup") byte[] stream,
            @ForAll @IntRange(min = 1, max = 80) int limit,
            @ForAll("splits") ChunkSplits split) {
        Outcome whole = Outcome.of(new TakStreamFramer(limit), stream, ChunkSplits.WHOLE);
        Outcome chunked = Outcome.of(new TakStreamFramer(limit), stream, split);

        assertThat(chunked.payloads()).isEqualTo(whole.payloads());
        assertThat(chunked.error()).isEqualTo(whole.error());
        assertThat(chunked.maxBuffered()).isLessThanOrEqualTo(limit);
        assertThat(chunked.payloads()).allSatisfy(p -> assertThat(p.length() / 2).isLessThanOrEqualTo(limit));
    }

    /** Payloads seen as hex, the exception class if one was thrown, and the most held between reads. */
    record Outcome(List<String> payloads, Class<?> error, int maxBuffered) {

        static Outcome of(TakStreamFramer framer, byte[] stream, ChunkSplits split) {
            List<String> payloads = new ArrayList<>();
            int maxBuffered = 0;
            try {
                for (ChunkSplits.Chunk chunk : split.cut(stream)) {
                    framer.feed(chunk.data(), chunk.off(), chunk.len(), p -> payloads.add(HEX.formatHex(p)));
                    maxBuffered = Math.max(maxBuffered, framer.buffered());
                }
                return new Outcome(payloads, null, maxBuffered);
            } catch (CotDecodeException e) {
                return new Outcome(payloads, e.getClass(), Math.max(maxBuffered, framer.buffered()));
            }
        }
    }

    @Provide
    Arbitrary<ChunkSplits> splits() {
        return ChunkSplits.arbitrary();
    }

    @Provide
    Arbitrary<List<byte[]>> payloads() {
        Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
        Arbitrary<byte[]> large = Arbitraries.bytes().array(byte[].class).ofMinSize(120).ofMaxSize(1000);
        return Arbitraries.frequencyOf(Tuple.of(4, small), Tuple.of(1, large)).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<byte[]> tokenSoup() {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(
                        "bf", "bf00", "bf01", "bf05", "bf7f", "bf8001", "bfc000", "bfffffffff07", "bf8080808008",
                        "bf8080808080", "00", "41", "3c")),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(30).map(HEX::formatHex)));
        return token.list().ofMaxSize(30).map(t -> HEX.parseHex(String.join("", t)));
    }
}
