package org.kizuna.policy.posture;

import java.time.Instant;
import java.util.Objects;

/** Something that happened to the posture, for the audit log: what, who, when, and a line of detail. */
public record PostureEvent(Kind kind, Posture posture, long version, String by, Instant at) {

    /** The posture's lifecycle steps. */
    public enum Kind { REQUESTED, APPROVED, CANCELLED, LAPSED, EXPIRED }

    public PostureEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(posture, "posture");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
