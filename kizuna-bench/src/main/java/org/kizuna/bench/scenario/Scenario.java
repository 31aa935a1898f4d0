package org.kizuna.bench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.kizuna.bench.load.LoadSpec;
import org.kizuna.bench.load.Phase;

/**
 * A named load, run by {@code kizuna bench NAME} against the bare relay and Kizuna in turn.
 *
 * @param name        what to type
 * @param description one line for the report
 * @param load        what the clients do
 * @param serverHeap  the {@code -Xmx} of each server under test, the same for both
 */
public record Scenario(String name, String description, LoadSpec load, String serverHeap) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(serverHeap, "serverHeap");
    }

    public Scenario withClients(int clients) {
        LoadSpec l = load;
        return with(new LoadSpec(clients, l.rate(), l.chatRate(), l.format(), l.rampPerSecond(), l.warmup(),
                l.phases(), Math.min(l.slowClients(), clients - 1), l.drain(), l.loops()));
    }

    public Scenario withRate(double rate) {
        LoadSpec l = load;
        return with(new LoadSpec(l.clients(), rate, l.chatRate(), l.format(), l.rampPerSecond(), l.warmup(),
                l.phases(), l.slowClients(), l.drain(), l.loops()));
    }

    /** The same phases in the same proportions, lasting {@code total} together (at least 0.5 s each). */
    public Scenario measuredFor(Duration total) {
        LoadSpec l = load;
        double factor = (double) total.toMillis() / l.measured().toMillis();
        List<Phase> phases = l.phases().stream()
                .map(p -> new Phase(p.name(), Duration.ofMillis(Math.max(500, (long) (p.duration().toMillis() * factor))),
                        p.rateFactor(), p.stall()))
                .toList();
        return with(new LoadSpec(l.clients(), l.rate(), l.chatRate(), l.format(), l.rampPerSecond(), l.warmup(),
                phases, l.slowClients(), l.drain(), l.loops()));
    }

    /** Shorter warm-up and drain, for proving the harness at a tiny scale. */
    public Scenario withWarmupAndDrain(Duration warmup, Duration drain) {
        LoadSpec l = load;
        return with(new LoadSpec(l.clients(), l.rate(), l.chatRate(), l.format(), l.rampPerSecond(), warmup,
                l.phases(), l.slowClients(), drain, l.loops()));
    }

    private Scenario with(LoadSpec spec) {
        return new Scenario(name, description, spec, serverHeap);
    }
}
