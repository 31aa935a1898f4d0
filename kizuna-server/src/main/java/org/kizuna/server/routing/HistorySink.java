package org.kizuna.server.routing;

import java.util.Set;
import org.kizuna.cot.CotEvent;
import org.kizuna.server.session.Group;
import org.kizuna.server.session.Session;

/**
 * The seam for the history store: every routed event is offered here. Implementations must not
 * block (they run on an event loop): queue and write elsewhere.
 */
public interface HistorySink {

    HistorySink NONE = new HistorySink() {
        @Override
        public void routed(CotEvent event, Session sender) {
        }
    };

    void routed(CotEvent event, Session sender);

    /**
     * What the router calls: {@code event} as delivered, the groups it was written into (the
     * sender's IN groups, narrowed by a {@code <marti><dest group>}) and whether it went
     * point-to-point (such events never join the picture). By default the short form is called.
     */
    default void routed(CotEvent event, Session sender, Set<Group> writeGroups, boolean pointToPoint) {
        routed(event, sender);
    }

    /**
     * For traffic that must not be lost (GeoChat): store {@code event}, then run {@code deliver}
     * once it is committed, on any thread. A store that cannot commit must keep the event and
     * retry, or refuse it visibly; it must never run {@code deliver} for an event it lost.
     * The default, for sinks without durability, stores and delivers at once.
     */
    default void routedDurably(CotEvent event, Session sender, Set<Group> writeGroups, boolean pointToPoint,
                               Runnable deliver) {
        routed(event, sender, writeGroups, pointToPoint);
        deliver.run();
    }

    default void connected(Session session) {
    }

    default void disconnected(Session session) {
    }
}
