package org.kizuna.app.attacks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.kizuna.app.interop.InteropClient;

/**
 * What the clients of an attack test saw, and the barrier that makes "never received" a fact
 * rather than a wait: the attacker sends a harmless marker after its attack, down the same
 * connection, event loop and (for a partner) federation link; once an observer holds the marker,
 * anything the attack would have caused had reached it before.
 */
final class Observed {

    private Observed() {
    }

    /**
     * {@code from}, a client of node {@code fromNode}, sends a friendly marker with the node's
     * default label (released to the partner, coarsened); returns once each local observer and
     * each observer at the partner (which knows it as {@code fromNode:uid}) holds it.
     */
    static void barrier(InteropClient from, String fromNode, List<InteropClient> local, List<InteropClient> partner)
            throws Exception {
        String uid = "BARRIER-" + UUID.randomUUID();
        from.send(RawCot.unit(uid, "a-f-G", "BARRIER", 35.0, 139.0, RawCot.Marking.NONE));
        for (InteropClient c : local) {
            c.awaitUid(uid);
        }
        for (InteropClient c : partner) {
            c.awaitUid(fromNode + ":" + uid);
        }
    }

    /** The events a client received with this uid. */
    static List<JsonNode> withUid(InteropClient c, String uid) {
        return c.events().stream().filter(e -> uid.equals(e.path("uid").asText(null))).toList();
    }

    /** A {@code t-x-d-d} that removes {@code uid}: by its own uid or by a link. */
    static boolean deletes(JsonNode e, String uid) {
        if (!"t-x-d-d".equals(e.path("type").asText())) {
            return false;
        }
        if (uid.equals(e.path("uid").asText())) {
            return true;
        }
        for (JsonNode link : e.path("links")) {
            if (uid.equals(link.path("uid").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Every received delete of {@code uid}. */
    static List<JsonNode> deletesOf(InteropClient c, String uid) {
        return c.events().stream().filter(e -> deletes(e, uid)).toList();
    }
}
