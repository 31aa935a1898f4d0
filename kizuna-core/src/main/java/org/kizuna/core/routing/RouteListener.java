package org.kizuna.core.routing;

/**
 * The seam for federation: told of every event the router broadcast to the picture, local or
 * foreign, after local delivery (for chat, after the history store committed it), and of the
 * disconnect notice of a local client. Point-to-point events are not offered: their addressees
 * are local subscribers. The routed value is the one local subscribers got: its label key and
 * TAK encoding are shared, never read back or made again.
 *
 * <p>Called on event loops and federation threads: implementations must not block.
 */
@FunctionalInterface
public interface RouteListener {

    RouteListener NONE = routed -> {
    };

    /** {@code routed} as delivered locally (this node's flow tag added, {@code <marti>} removed). */
    void routed(RoutedEvent routed);
}
