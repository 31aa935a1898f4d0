package org.kizuna.core.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.kizuna.core.routing.Drop;
import org.kizuna.core.routing.Refusal;
import org.kizuna.core.routing.RoutingMetrics;

/** The router's counters, kept in maps so tests can read them by reason. */
public final class CountingMetrics implements RoutingMetrics {

    private final LongAdder in = new LongAdder();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

    @Override
    public void eventIn() {
        in.increment();
    }

    @Override
    public void rejected(Refusal reason) {
        rejected.computeIfAbsent(reason.reason(), r -> new LongAdder()).increment();
    }

    @Override
    public void dropped(Drop reason) {
        dropped.computeIfAbsent(reason.reason(), r -> new LongAdder()).increment();
    }

    public long in() {
        return in.sum();
    }

    public long rejectedFor(String reason) {
        LongAdder a = rejected.get(reason);
        return a == null ? 0 : a.sum();
    }

    public long droppedFor(String reason) {
        LongAdder a = dropped.get(reason);
        return a == null ? 0 : a.sum();
    }
}
