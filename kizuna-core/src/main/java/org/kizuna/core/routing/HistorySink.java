package org.kizuna.core.routing;

/**
 * The seam for the history store: every event a subscriber sent is offered here as the router
 * routed it, with its one XML encoding and its label key (the store neither encodes again nor
 * reads the label back out of the event). Implementations must not block (they run on an event
 * loop): queue and write elsewhere.
 */
public interface HistorySink {

    HistorySink NONE = routed -> {
    };

    /** {@code routed} as delivered; its origin says who sent it, into which groups, and whether point-to-point. */
    void routed(RoutedEvent routed);

    /**
     * For traffic that must not be lost (GeoChat): store {@code routed}, then run {@code deliver}
     * once it is committed, on any thread. A store that cannot commit must keep the event and
     * retry, or refuse it visibly; it must never run {@code deliver} for an event it lost.
     * The default, for sinks without durability, stores and delivers at once.
     */
    default void routedDurably(RoutedEvent routed, Runnable deliver) {
        routed(routed);
        deliver.run();
    }

    default void connected(Subscriber subscriber) {
    }

    default void disconnected(Subscriber subscriber) {
    }
}
