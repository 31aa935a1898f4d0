package org.kizuna.cot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * How a byte stream is cut into the reads a framer sees: chunk sizes used in turn, cycling when
 * the stream is longer than their sum. Framer tests feed the same stream under many of these and
 * expect the same frames each time.
 */
public record ChunkSplits(List<Integer> sizes) {

    public static final ChunkSplits WHOLE = new ChunkSplits(List.of(Integer.MAX_VALUE));
    public static final ChunkSplits BYTE_BY_BYTE = new ChunkSplits(List.of(1));

    /**
     * Bytes around every chunk, outside its {@code [off, off + len)} window. They look like frame
     * boundaries in both formats, so a framer that reads outside its window produces wrong frames.
     */
    private static final byte[] PAD = "\u00bf\u0001</event><event>".getBytes(StandardCharsets.ISO_8859_1);

    /** One read: {@code data[off, off + len)} is the part of the stream it carries. */
    public record Chunk(byte[] data, int off, int len) {
    }

    public ChunkSplits {
        sizes = List.copyOf(sizes);
        if (sizes.isEmpty() || sizes.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("chunk sizes must be >= 1: " + sizes);
        }
    }

    /** Cut at one position: {@code [0, at)} then the rest. */
    public static ChunkSplits at(int at) {
        return new ChunkSplits(List.of(at, Integer.MAX_VALUE));
    }

    /** Deterministic pseudo-random sizes from 1 to {@code maxChunk}, for fuzz targets. */
    public static ChunkSplits seeded(long seed, int maxChunk) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> sizes = new ArrayList<>();
        for (int n = 0; n < 16; n++) {
            sizes.add(1 + random.nextInt(maxChunk));
        }
        return new ChunkSplits(sizes);
    }

    /** Whole stream, single bytes, or mixed small and large chunks. */
    public static Arbitrary<ChunkSplits> arbitrary() {
        Arbitrary<ChunkSplits> mixed = Arbitraries.oneOf(
                        Arbitraries.integers().between(1, 9),
                        Arbitraries.integers().between(10, 300))
                .list().ofMinSize(1).ofMaxSize(12)
                .map(ChunkSplits::new);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(WHOLE)),
                Tuple.of(1, Arbitraries.just(BYTE_BY_BYTE)),
                Tuple.of(8, mixed));
    }

    /** The stream as consecutive reads, each padded on both sides inside its own array. */
    public List<Chunk> cut(byte[] stream) {
        List<Chunk> chunks = new ArrayList<>();
        int at = 0;
        for (int n = 0; at < stream.length; n++) {
            int size = (int) Math.min(sizes.get(n % sizes.size()), (long) stream.length - at);
            byte[] data = new byte[PAD.length + size + PAD.length];
            System.arraycopy(PAD, 0, data, 0, PAD.length);
            System.arraycopy(stream, at, data, PAD.length, size);
            System.arraycopy(PAD, 0, data, PAD.length + size, PAD.length);
            chunks.add(new Chunk(data, PAD.length, size));
            at += size;
        }
        return chunks;
    }
}
