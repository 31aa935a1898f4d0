package org.kizuna.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.kizuna.core.routing.Drop;
import org.kizuna.core.routing.Refusal;
import org.kizuna.core.routing.RoutingMetrics;

/**
 * The server's counters, named once here so that every refusal is visible under a stable name.
 * Tags carry the reason ({@code malformed-xml}, {@code forbidden-type}, {@code slow-consumer}, ...).
 */
public final class ServerMetrics implements RoutingMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter eventsIn;
    private final Counter deliveries;

    public ServerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.eventsIn = registry.counter("kizuna.events.in");
        this.deliveries = registry.counter("kizuna.deliveries");
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** An event accepted from a client (before routing). */
    @Override
    public void eventIn() {
        eventsIn.increment();
    }

    /** One event written to one recipient's queue. */
    public void delivered() {
        deliveries.increment();
    }

    @Override
    public void rejected(Refusal reason) {
        rejected(reason.reason());
    }

    @Override
    public void dropped(Drop reason) {
        dropped(reason.reason());
    }

    /** An inbound event refused at ingest, by reason (the core's, or a decoder's). */
    public void rejected(String reason) {
        counter("kizuna.events.rejected", reason).increment();
    }

    /** An outbound delivery not made (queue full for a position update, ...), by reason. */
    public void dropped(String reason) {
        counter("kizuna.deliveries.dropped", reason).increment();
    }

    /** A connection closed by the server, by reason. */
    public void closed(String reason) {
        counter("kizuna.sessions.closed", reason).increment();
    }

    /** A TLS client refused after its certificate chain was checked (revoked), by reason. */
    public void tlsRefused(String reason) {
        counter("kizuna.tls.refused", reason).increment();
    }

    /** An HTTP request refused (bad parameter, unauthorised, rate limited, too large, ...), by reason. */
    public void httpRefused(String reason) {
        counter("kizuna.http.refused", reason).increment();
    }

    /** The current value of a reason-tagged counter (for tests and the status line). */
    public double count(String name, String reason) {
        Counter c = counters.get(name + '|' + reason);
        return c == null ? 0 : c.count();
    }

    private Counter counter(String name, String reason) {
        return counters.computeIfAbsent(name + '|' + reason,
                k -> Counter.builder(name).tag("reason", reason).register(registry));
    }
}
