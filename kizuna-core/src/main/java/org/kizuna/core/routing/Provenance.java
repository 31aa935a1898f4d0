package org.kizuna.core.routing;

import java.util.List;
import java.util.Objects;

/**
 * Where an event that arrived over a federation link comes from. Local events have none.
 *
 * @param viaNode    the partner node whose link delivered it
 * @param originNode the node whose client created it (the partner itself, or a third node when
 *                   the partner relays)
 * @param originUid  the uid as the origin node knows it; local clients see a namespaced form
 * @param viaNodes   every node it passed through before us, origin first, {@code viaNode} last
 * @param hops       federation links it crossed before the last one (0 when the origin sent it to us)
 */
public record Provenance(String viaNode, String originNode, String originUid, List<String> viaNodes, int hops) {

    public Provenance {
        Objects.requireNonNull(viaNode, "viaNode");
        Objects.requireNonNull(originNode, "originNode");
        Objects.requireNonNull(originUid, "originUid");
        viaNodes = List.copyOf(viaNodes);
        if (hops < 0) {
            throw new IllegalArgumentException("hops must be >= 0: " + hops);
        }
    }
}
