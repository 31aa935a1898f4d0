package org.kizuna.core.routing;

/**
 * The router's counters, kept by whoever wires it (Micrometer in the server). Every refusal and
 * every delivery not made has a reason, so none is silent.
 */
public interface RoutingMetrics {

    RoutingMetrics NONE = new RoutingMetrics() {
        @Override
        public void eventIn() {
        }

        @Override
        public void rejected(String reason) {
        }

        @Override
        public void dropped(String reason) {
        }
    };

    /** An event accepted from a client (before routing). */
    void eventIn();

    /** An inbound event refused at ingest ({@code kizuna.events.rejected{reason}}). */
    void rejected(String reason);

    /** An outbound delivery not made ({@code kizuna.deliveries.dropped{reason}}). */
    void dropped(String reason);
}
