package org.kizuna.federation.link;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Redial delays: doubling from {@code initial} up to {@code max}, each drawn between half and all
 * of the current step ("equal jitter"), so that two nodes cut at the same moment do not redial in
 * lockstep, and a partner that comes back is not hit by every node at once.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int failures;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt; each call without {@link #reset()} doubles the step. */
    Duration next() {
        long step = initialMillis << Math.min(failures, 30);
        if (step <= 0 || step > maxMillis) {
            step = maxMillis;
        }
        failures++;
        long half = step / 2;
        return Duration.ofMillis(half + random.nextLong(step - half + 1));
    }

    /** A link came up: the next cut starts from {@code initial} again. */
    void reset() {
        failures = 0;
    }
}
