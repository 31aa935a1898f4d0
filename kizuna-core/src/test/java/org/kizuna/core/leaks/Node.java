package org.kizuna.core.leaks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kizuna.core.federation.PartnerEdge;
import org.kizuna.core.federation.PartnerGuard;
import org.kizuna.core.federation.PartnerReevaluation;
import org.kizuna.core.identity.Group;
import org.kizuna.core.release.Clearances;
import org.kizuna.core.release.FirstReleaseListener;
import org.kizuna.core.release.FirstReleases;
import org.kizuna.core.release.GuardedRelease;
import org.kizuna.core.release.LabelDefaults;
import org.kizuna.core.release.MissingReleasability;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.core.routing.LatestState;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.routing.Router;
import org.kizuna.core.routing.RoutingConfig;
import org.kizuna.core.routing.Subscribers;
import org.kizuna.core.testing.CountingMetrics;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
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

/**
 * The real node side of a run, wired from the world's files as a node wires them: the policy
 * and rules parsed by the policy module, the release guard reading a posture that the run
 * changes, the guarded release, the router with a history sink that keeps what was routed, and
 * the partner guard. A hand-moved clock; one thread.
 */
final class Node {

    static final Instant START = Instant.parse("2026-04-01T08:00:00Z");

    /** One routed event as the history store would keep it. */
    record Stored(RoutedEvent routed, Instant receivedAt) {
    }

    /** A partner edge of this run. */
    record Edge(String nodeId, Set<Group> outboundGroups) implements PartnerEdge {
    }

    final SecurityPolicy policy;
    final Subscribers subscribers = new Subscribers();
    final Router router;
    final GuardedRelease release;
    final PartnerGuard partnerGuard;
    final PartnerReevaluation partnerReevaluation;
    final List<Edge> edges = new ArrayList<>();
    final List<Stored> history = new ArrayList<>();
    final CountingMetrics metrics = new CountingMetrics();
    private final World world;
    private Instant now = START;
    private PostureState posture;

    Node(World world) {
        this.world = world;
        this.policy = PolicyYaml.parse(world.policyYaml());
        this.posture = PostureState.initial(new Posture(world.postures().get(0)), START);
        ReleaseGuard guard = new ReleaseGuard(new AccessControl(Map.of(policy.id(), policy)), policy,
                ReleaseRulesYaml.parse(world.rulesYaml()), () -> posture);
        ObligationApplier applier = new ObligationApplier(world.pseudonymKey());
        this.release = new GuardedRelease(policy, guard, applier, defaults(), clearances(), new FirstReleases(10_000),
                FirstReleaseListener.NONE, missingRelTo());
        Map<String, Clearance> accreditations = new HashMap<>();
        for (World.Partner p : world.partners()) {
            accreditations.put(p.nodeId(), clearance(p.accreditation()));
            edges.add(new Edge(p.nodeId(), groups(p.outbound())));
        }
        this.partnerGuard = new PartnerGuard(guard, applier, accreditations);
        this.partnerReevaluation = new PartnerReevaluation(partnerGuard, (kind, actor, detail) -> { });
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        HistorySink sink = routed -> history.add(new Stored(routed, now));
        this.router = new Router(new RoutingConfig(World.NODE_ID, RoutingConfig.DEFAULT_FORBIDDEN,
                world.partners().stream().map(World.Partner::nodeId).toList()), subscribers, new LatestState(10_000),
                release, sink, new TakProtoCodec(CotLimits.DEFAULTS), metrics, clock);
    }

    Instant now() {
        return now;
    }

    void advance(long seconds) {
        now = now.plusSeconds(seconds);
    }

    PostureState posture() {
        return posture;
    }

    /** Puts {@code name} in force as a new version; returns the posture it replaced. */
    PostureState changePosture(String name) {
        PostureState earlier = posture;
        posture = new PostureState(new Posture(name), earlier.version() + 1, now, Optional.empty(), "a", "b");
        return earlier;
    }

    Clearance clearance(OracleClearance c) {
        return new Clearance(policy.id(), c.nation(), c.classifications(), c.held());
    }

    SecurityLabel label(OracleLabel l) {
        List<Category> categories = new ArrayList<>();
        l.values().forEach((tag, values) ->
                categories.add(Category.of(tag, CategoryType.valueOf(world.tagTypes().get(tag)), values)));
        return new SecurityLabel(policy.id(), l.classification(), "", categories);
    }

    static Set<Group> groups(Set<String> names) {
        return Set.copyOf(names.stream().map(Group::new).toList());
    }

    private LabelDefaults defaults() {
        Map<String, LabelSet> byClient = new HashMap<>();
        world.clientDefaults().forEach((c, l) -> byClient.put(c, LabelSet.of(label(l))));
        Map<Group, LabelSet> byGroup = new HashMap<>();
        world.groupDefaults().forEach((g, l) -> byGroup.put(new Group(g), LabelSet.of(label(l))));
        LabelSet tls = LabelSet.of(label(world.tlsDefault()));
        return new LabelDefaults(byClient, byGroup, tls, tls);
    }

    private Clearances clearances() {
        Map<String, Clearance> byClient = new HashMap<>();
        for (World.Client c : world.clients()) {
            if (c.listed()) {
                byClient.put(c.name(), clearance(c.clearance()));
            }
        }
        Clearance none = new Clearance(policy.id(), "USA", Set.of(), Map.of());
        return new Clearances(byClient, Map.of(world.webViewer().name(), clearance(world.webViewer().clearance())),
                clearance(world.certificateDefault()), none);
    }

    private MissingReleasability missingRelTo() {
        return switch (world.missingRelTo()) {
            case "ORIGINATOR_ONLY" -> MissingReleasability.originatorOnly(world.nodeNation());
            case "REFUSED" -> MissingReleasability.REFUSED;
            default -> MissingReleasability.UNRESTRICTED;
        };
    }
}
