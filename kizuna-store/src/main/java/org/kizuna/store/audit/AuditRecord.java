package org.kizuna.store.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit log. {@code hash} is the node key's HMAC-SHA256 over every other field
 * and {@code prev}, the hash of the record before (64 zeros for the first), so changing, removing
 * or reordering any stored record breaks the chain from there on, and without the key nobody can
 * recompute it.
 *
 * @param kind   what happened: {@code posture-requested}, {@code posture-approved}, {@code release-denied}, ...
 * @param actor  who did it (an admin, a client, the node itself)
 * @param detail one line for humans; may be empty
 */
public record AuditRecord(long seq, Instant at, String kind, String actor, String detail, String prev, String hash) {

    public AuditRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(prev, "prev");
        Objects.requireNonNull(hash, "hash");
        if (seq < 1 || kind.isBlank()) {
            throw new IllegalArgumentException("audit records are numbered from 1 and have a kind");
        }
    }
}
