package org.kizuna.policy.posture;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The posture in force: every change makes a new version (the decision cache is keyed by it).
 *
 * @param expiresAt when the node reverts to its base posture on its own; empty for never
 * @param requestedBy empty for the initial state and reversions
 * @param approvedBy  empty for the initial state and reversions
 */
public record PostureState(Posture posture, long version, Instant since, Optional<Instant> expiresAt,
                           String requestedBy, String approvedBy) {

    public PostureState {
        Objects.requireNonNull(posture, "posture");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(approvedBy, "approvedBy");
    }

    public static PostureState initial(Posture posture, Instant since) {
        return new PostureState(posture, 1, since, Optional.empty(), "", "");
    }
}
