package org.kizuna.bench.load;

import org.HdrHistogram.Histogram;

/**
 * End-to-end latencies recorded by the clients of one event loop, one histogram per phase. Only
 * that loop's thread records; {@link #copy} is called on the same thread when the run ends, so no
 * histogram is ever shared while it changes.
 */
final class LoopStats {

    /** Two minutes in microseconds: anything later than that is a broken run, not a latency. */
    static final long HIGHEST_MICROS = 120_000_000L;

    private final Histogram[] perPhase;

    LoopStats(int phases) {
        perPhase = new Histogram[phases];
        for (int i = 0; i < phases; i++) {
            perPhase[i] = new Histogram(HIGHEST_MICROS, 3);
        }
    }

    void record(int phase, long latencyMicros) {
        perPhase[phase].recordValue(Math.max(0, Math.min(latencyMicros, HIGHEST_MICROS)));
    }

    Histogram[] copy() {
        Histogram[] copies = new Histogram[perPhase.length];
        for (int i = 0; i < perPhase.length; i++) {
            copies[i] = perPhase[i].copy();
        }
        return copies;
    }
}
