package org.kizuna.server.routing;

import org.kizuna.cot.CotEvent;
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

    default void connected(Session session) {
    }

    default void disconnected(Session session) {
    }
}
