package org.kizuna.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.release.Clearances;
import org.kizuna.core.release.FirstReleases;
import org.kizuna.core.release.GuardedRelease;
import org.kizuna.core.release.LabelDefaults;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.core.routing.LatestState;
import org.kizuna.core.routing.ReleaseDecision;
import org.kizuna.core.routing.Router;
import org.kizuna.core.routing.RoutingConfig;
import org.kizuna.core.routing.Subscribers;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.policy.access.AccessControl;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.ObligationApplier;
import org.kizuna.policy.release.ReleaseGuard;
import org.kizuna.policy.release.ReleaseRulesYaml;
import org.kizuna.policy.spec.PolicyYaml;
import org.kizuna.policy.spec.SecurityPolicy;
import org.kizuna.server.ServerMetrics;
import org.kizuna.server.session.Session;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing one position report through the real {@link Router} to N recipients and writing it to
 * each recipient's channel (embedded channels: no sockets, no TLS), with labels off
 * ({@code PERMIT_ALL}) against the release guard on: {@code guard} releases to every recipient
 * without obligations (the guard's own cost: labelling at ingest, a cached decision per recipient,
 * the label in the encoded event, the first-release tracking of the audit); {@code guard-coarsen} makes half the recipients a partner
 * nation whose rule coarsens positions, so two obligation variants are shaped and encoded per
 * event; {@code guard-unaudited} is {@code guard} without the first-release tracking, to show
 * what the audit costs. Report {@code guard / off} per recipient count.
 *
 * <p>Run: {@code ./kizuna jmh GuardedRoutingBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GuardedRoutingBenchmark {

    private static final String POLICY = """
            policy: JPN
            classifications:
              - {name: TORIATSUKAICHUI, rank: 0}
              - {name: HI, rank: 2}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
            """;

    private static final String RULES = """
            PEACETIME:
              - {name: partners, types: [a], nations: [USA], obligations: {coarsen: 1000}}
              - {name: home, nations: [JPN]}
            """;

    /** Audited first releases, so the listener is not optimised away. */
    static final java.util.concurrent.atomic.LongAdder FIRST_RELEASES = new java.util.concurrent.atomic.LongAdder();

    @Param({"10", "100"})
    public int recipients;

    @Param({"off", "guard", "guard-coarsen", "guard-unaudited"})
    public String labels;

    private Router router;
    private Session sender;
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private CotEvent event;

    @Setup(Level.Trial)
    public void setUp() throws CotDecodeException {
        event = new CotXmlReader(CotLimits.DEFAULTS).read(Fixtures.atakPli());
        ServerMetrics metrics = new ServerMetrics(new SimpleMeterRegistry());
        Subscribers registry = new Subscribers();
        router = new Router(new RoutingConfig("bench-node", List.of("t-k")), registry, new LatestState(1000),
                labels.equals("off") ? ReleaseDecision.PERMIT_ALL : guard(labels.equals("guard-coarsen"),
                        !labels.equals("guard-unaudited")), HistorySink.NONE,
                new TakProtoCodec(CotLimits.DEFAULTS), metrics, Clock.systemUTC());
        sender = session(registry, metrics, "sender");
        for (int i = 0; i < recipients; i++) {
            channels.add((EmbeddedChannel) session(registry, metrics, "r" + i).channel());
        }
    }

    private static ReleaseDecision guard(boolean partners, boolean audited) {
        SecurityPolicy policy = PolicyYaml.parse(POLICY);
        PostureState state = new PostureState(Posture.PEACETIME, 1, Instant.EPOCH, Optional.empty(), "", "");
        ReleaseGuard guard = new ReleaseGuard(new AccessControl(Map.of("JPN", policy)), policy,
                ReleaseRulesYaml.parse(RULES), () -> state);
        Clearance jpn = new Clearance("JPN", "JPN", Set.of("TORIATSUKAICHUI", "HI"), Map.of("Releasable To", Set.of("JPN")));
        Clearance usa = new Clearance("JPN", "USA", Set.of("TORIATSUKAICHUI"), Map.of("Releasable To", Set.of("USA")));
        Map<String, Clearance> byClient = new java.util.HashMap<>();
        for (int i = 0; i < 1000; i++) {
            byClient.put("r" + i, partners && i % 2 == 1 ? usa : jpn);
        }
        byClient.put("sender", jpn);
        LabelSet label = LabelSet.of(SecurityLabel.of("JPN", "TORIATSUKAICHUI",
                Category.of("Releasable To", CategoryType.PERMISSIVE, "JPN", "USA")));
        if (!audited) {
            return new GuardedRelease(policy, guard, new ObligationApplier("bench-pseudonym-key-0123".getBytes()),
                    LabelDefaults.everywhere(label), new Clearances(byClient, usa, usa));
        }
        // As on a node: the first release of each object to each recipient is tracked for the audit.
        return new GuardedRelease(policy, guard, new ObligationApplier("bench-pseudonym-key-0123".getBytes()),
                LabelDefaults.everywhere(label), new Clearances(byClient, usa, usa), new FirstReleases(200_000),
                (recipient, e, labels, obligations) -> FIRST_RELEASES.increment());
    }

    private Session session(Subscribers registry, ServerMetrics metrics, String name) {
        // As on a node: the recipient's clearance is resolved once, when its session opens.
        Session s = new Session(registry.nextId(), router.release().recipient(ClientIdentity.certificate(name, "00"),
                GroupMembership.both(Set.of(new Group("Blue")))), new EmbeddedChannel(), 4096, Duration.ofSeconds(30),
                metrics);
        registry.add(s);
        return s;
    }

    /** One event in, written to every recipient's channel. Returns the bytes written, so nothing is dead code. */
    @Benchmark
    public long routeAndWrite() {
        router.route(sender, event);
        long bytes = 0;
        for (EmbeddedChannel ch : channels) {
            ch.runPendingTasks();
            for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
                ByteBuf b = (ByteBuf) o;
                bytes += b.readableBytes();
                b.release();
            }
        }
        return bytes;
    }
}
