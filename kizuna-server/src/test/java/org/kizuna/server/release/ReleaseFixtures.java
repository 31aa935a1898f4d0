package org.kizuna.server.release;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.kizuna.core.release.Clearances;
import org.kizuna.core.release.GuardedRelease;
import org.kizuna.core.release.LabelDefaults;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.core.routing.LatestState;
import org.kizuna.core.routing.ReleaseDecision;
import org.kizuna.core.routing.Router;
import org.kizuna.core.routing.RoutingConfig;
import org.kizuna.core.routing.Subscribers;
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
import org.kizuna.policy.release.ReleasePolicy;
import org.kizuna.policy.release.ReleaseRulesYaml;
import org.kizuna.policy.spec.PolicyYaml;
import org.kizuna.policy.spec.SecurityPolicy;
import org.kizuna.server.ServerMetrics;

/** A node policy, posture rules with every kind of obligation, and generators of labels and clearances. */
final class ReleaseFixtures {

    static final SecurityPolicy POLICY = PolicyYaml.parse("""
            policy: USA
            classifications:
              - {name: UNCLASSIFIED, rank: 0, marking: UNCLASSIFIED, portion: U}
              - {name: CONFIDENTIAL, rank: 2, marking: CONFIDENTIAL, portion: C}
              - {name: SECRET, rank: 3, marking: SECRET, portion: S}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
              - {tag: Dissemination, type: RESTRICTIVE, values: {NOFORN: NF, ORCON: OC}}
            """);

    static final ReleasePolicy RULES = ReleaseRulesYaml.parse("""
            PEACETIME:
              - {name: hostile-home-only, types: [a-h], nations: [JPN, AUS], permit: false}
              - name: partners-coarse
                types: [a]
                nations: [JPN, AUS]
                obligations: {coarsen: 1000, strip: [remarks, __video]}
              - {name: home, nations: [USA]}
            GRAY_ZONE:
              - name: kanto-anonymous
                area: [[34, 138], [34, 141], [37, 141], [37, 138]]
                obligations: {dropIdentity: true}
              - {name: markers-late, types: [b-m], obligations: {delay: 5m, strip: [contact]}}
              - {name: home, nations: [USA], obligations: {strip: [__video]}}
            HADR: []
            """);

    static final List<String> CLASSES = List.of("UNCLASSIFIED", "CONFIDENTIAL", "SECRET");
    static final List<String> NATIONS = List.of("USA", "JPN", "AUS");

    static final byte[] PSEUDONYM_KEY = "router-property-key-0123456789".getBytes();

    private ReleaseFixtures() {
    }

    static ReleaseGuard guard(Supplier<PostureState> posture) {
        return new ReleaseGuard(new AccessControl(Map.of("USA", POLICY)), POLICY, RULES, posture);
    }

    static ObligationApplier applier() {
        return new ObligationApplier(PSEUDONYM_KEY);
    }

    static PostureState posture(Posture p) {
        return new PostureState(p, 1, Instant.EPOCH, Optional.empty(), "", "");
    }

    static Arbitrary<SecurityLabel> labels() {
        return Combinators.combine(Arbitraries.of(CLASSES), Arbitraries.of(NATIONS).set().ofMaxSize(3),
                Arbitraries.of("NOFORN", "ORCON").set().ofMaxSize(1)).as((c, rel, dis) -> {
                    List<Category> cats = new ArrayList<>();
                    if (!rel.isEmpty()) {
                        cats.add(Category.of("Releasable To", CategoryType.PERMISSIVE, rel));
                    }
                    if (!dis.isEmpty()) {
                        cats.add(Category.of("Dissemination", CategoryType.RESTRICTIVE, dis));
                    }
                    return new SecurityLabel("USA", c, "", cats);
                });
    }

    static Arbitrary<Clearance> clearances() {
        return Combinators.combine(Arbitraries.of(CLASSES), Arbitraries.of(NATIONS), Arbitraries.of(NATIONS).set(),
                Arbitraries.of("NOFORN", "ORCON").set()).as((max, nation, rel, dis) ->
                new Clearance("USA", nation, POLICY.classificationsUpTo(max), Map.of("Releasable To", rel, "Dissemination", dis)));
    }

    static Clearance everything() {
        return new Clearance("USA", "USA", Set.copyOf(CLASSES),
                Map.of("Releasable To", Set.copyOf(NATIONS), "Dissemination", Set.of("NOFORN", "ORCON")));
    }

    static LabelSet unclassified() {
        return LabelSet.of(SecurityLabel.of("USA", "UNCLASSIFIED"));
    }

    /** The real release side, unlabelled events UNCLASSIFIED, every client cleared for {@link #everything()}. */
    static GuardedRelease clearedForEverything(ReleaseGuard guard) {
        Clearance all = everything();
        return new GuardedRelease(POLICY, guard, applier(), LabelDefaults.everywhere(unclassified()),
                new Clearances(Map.of(), all, all));
    }

    /** The real router on {@code registry} with {@code release}, its clock stopped at {@code now}. */
    static Router router(Subscribers registry, ReleaseDecision release, ServerMetrics metrics, Instant now) {
        return new Router(new RoutingConfig("test-node", List.of("t-k")), registry, new LatestState(1000), release,
                HistorySink.NONE, new TakProtoCodec(CotLimits.DEFAULTS), metrics, Clock.fixed(now, ZoneOffset.UTC));
    }
}
