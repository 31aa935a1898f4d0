package org.kizuna.core.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * A uid and the identity it is bound to, as recovered from a journal or taken for a snapshot.
 *
 * @param lastUsed the last claim by its owner, to the minute
 */
public record Binding(String uid, String owner, Instant lastUsed) {

    public Binding {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lastUsed, "lastUsed");
    }
}
