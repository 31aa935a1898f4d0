package org.kizuna.bench.load;

import java.util.List;

/**
 * The run's one clock and its phase boundaries, shared by every client. Stamps and receive times
 * are microseconds since the run began on {@link System#nanoTime()}: senders and receivers live in
 * one JVM, so no wall-clock skew enters a latency.
 *
 * <p>Phases start only after every client connected and warmed up; until {@link #startPhases} is
 * called every message is warm-up and counts for nothing.
 */
final class RunClock {

    private final long originNanos = System.nanoTime();
    private final List<Phase> phases;
    private volatile long[] boundaries; // phase i runs from boundaries[i] to boundaries[i + 1]

    RunClock(List<Phase> phases) {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one phase");
        }
        this.phases = List.copyOf(phases);
    }

    long nowMicros() {
        return (System.nanoTime() - originNanos) / 1000;
    }

    List<Phase> phases() {
        return phases;
    }

    /** Fixes the phase boundaries: the first phase starts at {@code firstStartMicros}. */
    void startPhases(long firstStartMicros) {
        long[] b = new long[phases.size() + 1];
        b[0] = firstStartMicros;
        for (int i = 0; i < phases.size(); i++) {
            b[i + 1] = b[i] + phases.get(i).duration().toNanos() / 1000;
        }
        boundaries = b;
    }

    /** The phase a message stamped at {@code micros} belongs to, or -1 (warm-up, or after the end). */
    int phaseOf(long micros) {
        long[] b = boundaries;
        if (b == null || micros < b[0]) {
            return -1;
        }
        for (int i = 0; i < phases.size(); i++) {
            if (micros < b[i + 1]) {
                return i;
            }
        }
        return -1;
    }

    /** The rate multiplier now: 1 in warm-up, the phase's factor inside a phase, 0 once all phases ended. */
    double rateFactorAt(long micros) {
        long[] b = boundaries;
        if (b == null || micros < b[0]) {
            return 1;
        }
        int phase = phaseOf(micros);
        return phase < 0 ? 0 : phases.get(phase).rateFactor();
    }

    long phaseStartMicros(int phase) {
        return boundaries[phase];
    }

    long endMicros() {
        return boundaries[phases.size()];
    }
}
