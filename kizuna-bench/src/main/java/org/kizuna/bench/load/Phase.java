package org.kizuna.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * One measured stretch of a run.
 *
 * @param name       what the phase is ("steady", "burst", "stalled", ...)
 * @param duration   how long senders send in it
 * @param rateFactor multiplies every client's send rates (10 for a burst)
 * @param stall      the designated slow clients stop reading at the start of this phase and never resume
 */
public record Phase(String name, Duration duration, double rateFactor, boolean stall) {

    public Phase {
        Objects.requireNonNull(name, "name");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("phase duration must be > 0: " + duration);
        }
        if (!(rateFactor > 0)) {
            throw new IllegalArgumentException("rate factor must be > 0: " + rateFactor);
        }
    }

    public static Phase steady(String name, Duration duration) {
        return new Phase(name, duration, 1, false);
    }
}
