package org.kizuna.core.leaks;

import java.time.Instant;
import org.kizuna.policy.posture.PostureState;

/**
 * Where a batch of deliveries comes from: the edge, and for a delayed release when it was held
 * back and under which posture.
 */
record Phase(String edge, Instant heldAt, PostureState heldUnder) {

    static Phase of(String edge) {
        return new Phase(edge, null, null);
    }

    static Phase deferred(String edge, Instant heldAt, PostureState heldUnder) {
        return new Phase(edge, heldAt, heldUnder);
    }

    boolean isDeferred() {
        return heldAt != null;
    }
}
