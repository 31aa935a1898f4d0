package org.kizuna.server.routing;

import java.util.Set;
import org.kizuna.cot.CotEvent;
import org.kizuna.server.session.Group;

/**
 * The seam for federation: told of every event the router broadcast to the picture, local or
 * foreign, after local delivery (for chat, after the history store committed it), and of the
 * disconnect notice of a local client. Point-to-point events are not offered: their addressees
 * are local sessions.
 *
 * <p>Called on event loops and federation threads: implementations must not block.
 */
@FunctionalInterface
public interface RouteListener {

    RouteListener NONE = (event, writeGroups, provenance) -> {
    };

    /**
     * @param event       the event as delivered locally (this node's flow tag added, {@code <marti>} removed)
     * @param writeGroups the local groups it was written into
     * @param provenance  where it came from when a partner sent it; {@code null} for local clients
     */
    void routed(CotEvent event, Set<Group> writeGroups, Provenance provenance);
}
