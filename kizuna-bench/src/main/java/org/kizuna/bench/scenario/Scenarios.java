package org.kizuna.bench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.kizuna.bench.load.LoadSpec;
import org.kizuna.bench.load.Phase;
import org.kizuna.core.routing.WireFormat;

/**
 * The scenarios of the performance issue, documented in {@code docs/performance.md}. Every
 * scenario streams XML (the bare relay speaks nothing else), uses two client event loops (the
 * machine has two cores, shared with the server) and gives each server a 1 GiB heap.
 */
public final class Scenarios {

    private static final String HEAP = "1g";
    private static final int LOOPS = 2;

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return List.of(takProfile(), twoThousand(), idle10k(), burst(), slowConsumer());
    }

    public static Optional<Scenario> named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** TAK Server's own load-test profile: 800 clients, one position report per second each, all see all. */
    static Scenario takProfile() {
        return steady("tak-profile", "800 clients, 1 position report/s each, broadcast to all (TAK Server's load-test profile)",
                800, 100);
    }

    static Scenario twoThousand() {
        return steady("2k", "2,000 clients, 1 position report/s each, broadcast to all", 2000, 200);
    }

    static Scenario idle10k() {
        LoadSpec spec = new LoadSpec(10_000, 0, 0, WireFormat.XML, 500, Duration.ofSeconds(2),
                List.of(Phase.steady("idle", Duration.ofSeconds(10))), 0, Duration.ofSeconds(1), LOOPS);
        return new Scenario("idle-10k", "10,000 connected TLS clients sending nothing: heap and RSS per connection",
                spec, HEAP);
    }

    /** Ten times the rate for ten seconds, then back: does the server recover, and how fast. */
    static Scenario burst() {
        List<Phase> phases = List.of(Phase.steady("before", Duration.ofSeconds(10)),
                new Phase("burst", Duration.ofSeconds(10), 10, false),
                Phase.steady("recovery", Duration.ofSeconds(20)));
        LoadSpec spec = new LoadSpec(200, 1, 0, WireFormat.XML, 100, Duration.ofSeconds(10), phases, 0,
                Duration.ofSeconds(5), LOOPS);
        return new Scenario("burst", "200 clients at 1/s, then 10/s for 10 s, then 1/s again", spec, HEAP);
    }

    /** One client stops reading for good; the others' latency must not notice. */
    static Scenario slowConsumer() {
        List<Phase> phases = List.of(Phase.steady("before", Duration.ofSeconds(20)),
                new Phase("stalled", Duration.ofSeconds(40), 1, true));
        LoadSpec spec = new LoadSpec(200, 1, 0, WireFormat.XML, 100, Duration.ofSeconds(10), phases, 1,
                Duration.ofSeconds(5), LOOPS);
        return new Scenario("slow-consumer", "200 clients at 1/s; one stops reading after 20 s and never resumes",
                spec, HEAP);
    }

    private static Scenario steady(String name, String description, int clients, int ramp) {
        LoadSpec spec = new LoadSpec(clients, 1, 0, WireFormat.XML, ramp, Duration.ofSeconds(10),
                List.of(Phase.steady("steady", Duration.ofSeconds(30))), 0, Duration.ofSeconds(5), LOOPS);
        return new Scenario(name, description, spec, HEAP);
    }
}
