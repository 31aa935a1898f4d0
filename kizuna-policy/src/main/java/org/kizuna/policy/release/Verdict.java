package org.kizuna.policy.release;

import java.util.Objects;

/**
 * The guard's answer for one event and one recipient: permit with obligations, or deny with the
 * reason (for the counter, the log and the audit record).
 */
public record Verdict(boolean permitted, Obligations obligations, String reason) {

    /** What the streaming core did before labels: everything group-reachable is released. */
    public static final Verdict PERMIT = new Verdict(true, Obligations.NONE, "permit");

    public Verdict {
        Objects.requireNonNull(obligations, "obligations");
        Objects.requireNonNull(reason, "reason");
    }

    public static Verdict permit(Obligations obligations, String rule) {
        return new Verdict(true, obligations, rule);
    }

    public static Verdict deny(String reason) {
        return new Verdict(false, Obligations.NONE, reason);
    }
}
