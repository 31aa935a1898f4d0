package org.kizuna.policy.posture;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A requested posture change waiting for its second approver.
 *
 * @param lasts      how long the new posture stays before the node reverts; empty for until changed
 * @param lapsesAt   the request is void if nobody approves it by then
 */
public record PostureChange(Posture posture, String requestedBy, Instant requestedAt, Optional<Duration> lasts,
                            Instant lapsesAt) {

    public PostureChange {
        Objects.requireNonNull(posture, "posture");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(lasts, "lasts");
        Objects.requireNonNull(lapsesAt, "lapsesAt");
        lasts.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a posture must last longer than zero: " + d);
            }
        });
    }
}
