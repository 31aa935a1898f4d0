package org.kizuna.federation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Federation counters, named here once. Every refusal and every drop has a reason tag; per-link
 * counters have a partner tag.
 *
 * <ul>
 *   <li>{@code kizuna.federation.refused{reason}}: connections refused (unknown-partner, wrong-node, ...)</li>
 *   <li>{@code kizuna.federation.inbound.refused{partner,reason}}: partner events not let in</li>
 *   <li>{@code kizuna.federation.outbound.dropped{partner,reason}}: events not sent to a partner</li>
 *   <li>{@code kizuna.federation.events.in|out{partner}}, {@code kizuna.federation.duplicates{partner}}</li>
 *   <li>{@code kizuna.federation.links.opened|closed{partner,reason}}, {@code kizuna.federation.throttled{partner}}</li>
 *   <li>{@code kizuna.federation.journal.damaged{partner}}: journal segments found torn or corrupt at start</li>
 * </ul>
 */
public final class FederationMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public FederationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A connection refused before it became a link. */
    public void refused(String reason) {
        counter("kizuna.federation.refused", "reason", reason).increment();
    }

    public void inboundRefused(String partner, String reason) {
        tagged("kizuna.federation.inbound.refused", partner, reason).increment();
    }

    public void outboundDropped(String partner, String reason) {
        tagged("kizuna.federation.outbound.dropped", partner, reason).increment();
    }

    /** A release held back by a delay obligation, offered again when it is due. */
    public void outboundDelayed(String partner) {
        counter("kizuna.federation.outbound.delayed", "partner", partner).increment();
    }

    public void eventIn(String partner) {
        counter("kizuna.federation.events.in", "partner", partner).increment();
    }

    public void eventOut(String partner) {
        counter("kizuna.federation.events.out", "partner", partner).increment();
    }

    public void duplicate(String partner) {
        counter("kizuna.federation.duplicates", "partner", partner).increment();
    }

    public void throttled(String partner) {
        counter("kizuna.federation.throttled", "partner", partner).increment();
    }

    public void journalDamaged(String partner, int segments) {
        counter("kizuna.federation.journal.damaged", "partner", partner).increment(segments);
    }

    public void linkOpened(String partner) {
        counter("kizuna.federation.links.opened", "partner", partner).increment();
    }

    public void linkClosed(String partner, String reason) {
        tagged("kizuna.federation.links.closed", partner, reason).increment();
    }

    /** The current value of a counter with one tag value (reason or partner), 0 if never counted. */
    public double count(String name, String tag) {
        Counter c = counters.get(name + '|' + tag);
        return c == null ? 0 : c.count();
    }

    /** The current value of a counter tagged with a partner and a reason. */
    public double count(String name, String partner, String reason) {
        return count(name, partner + '|' + reason);
    }

    private Counter counter(String name, String tagName, String value) {
        return counters.computeIfAbsent(name + '|' + value,
                k -> Counter.builder(name).tag(tagName, value).register(registry));
    }

    private Counter tagged(String name, String partner, String reason) {
        return counters.computeIfAbsent(name + '|' + partner + '|' + reason,
                k -> Counter.builder(name).tag("partner", partner).tag("reason", reason).register(registry));
    }
}
