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
        public void rejected(Refusal reason) {
        }

        @Override
        public void dropped(Drop reason) {
        }
    };

    /** An event accepted from a client (before routing). */
    void eventIn();

    /** An inbound event refused at ingest ({@code kizuna.events.rejected{reason}}). */
    void rejected(Refusal reason);

    /** An outbound delivery not made ({@code kizuna.deliveries.dropped{reason}}). */
    void dropped(Drop reason);
}
