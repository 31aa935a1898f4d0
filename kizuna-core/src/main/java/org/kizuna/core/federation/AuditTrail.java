package org.kizuna.core.federation;

/**
 * The audit log as the core writes to it: one record per call, appended and forced by the
 * implementation (the node's hash-chained log). May block briefly; never called on event loops.
 */
@FunctionalInterface
public interface AuditTrail {

    AuditTrail NONE = (kind, actor, detail) -> {
    };

    void append(String kind, String actor, String detail);
}
