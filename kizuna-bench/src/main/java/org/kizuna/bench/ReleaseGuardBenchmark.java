package org.kizuna.bench;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.kizuna.cot.CotType;
import org.kizuna.policy.access.AccessControl;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.ClearanceKey;
import org.kizuna.policy.release.LabelKey;
import org.kizuna.policy.release.ReleaseGuard;
import org.kizuna.policy.release.ReleaseRulesYaml;
import org.kizuna.policy.release.Verdict;
import org.kizuna.policy.spec.PolicyYaml;
import org.kizuna.policy.spec.SecurityPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One release decision for one recipient, answered from the cache (the hot path: the router asks
 * once per candidate recipient of every event). The posture has three rules, the second covers the
 * event and has an area, so the per-event part (type prefix, point in polygon) is included.
 * {@code uncachedAccess} is the access decision alone without the cache, for comparison.
 *
 * <p>Run: {@code ./kizuna jmh ReleaseGuardBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReleaseGuardBenchmark {

    private static final String POLICY = """
            policy: USA
            classifications:
              - {name: UNCLASSIFIED, rank: 0, marking: UNCLASSIFIED, portion: U}
              - {name: SECRET, rank: 3, marking: SECRET, portion: S}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
              - {tag: Dissemination, type: RESTRICTIVE, values: {NOFORN: NF, ORCON: OC}}
            """;

    private static final String RULES = """
            PEACETIME:
              - {name: no-chat, types: [b-t-f], permit: false}
              - name: kanto
                types: [a-f]
                area: [[34, 138], [34, 141], [37, 141], [37, 138]]
                obligations: {coarsen: 1000}
              - {name: home, nations: [USA]}
            """;

    private ReleaseGuard guard;
    private LabelKey label;
    private ClearanceKey clearance;
    private CotType type;
    private Clearance rawClearance;
    private LabelSet rawLabel;
    private AccessControl access;

    @Setup
    public void setUp() {
        SecurityPolicy policy = PolicyYaml.parse(POLICY);
        access = new AccessControl(Map.of("USA", policy));
        PostureState state = new PostureState(Posture.PEACETIME, 1, Instant.EPOCH, Optional.empty(), "", "");
        guard = new ReleaseGuard(access, policy, ReleaseRulesYaml.parse(RULES), () -> state);
        rawLabel = LabelSet.of(SecurityLabel.of("USA", "SECRET",
                Category.of("Releasable To", CategoryType.PERMISSIVE, "USA", "JPN", "AUS"),
                Category.of("Dissemination", CategoryType.RESTRICTIVE, "ORCON")));
        rawClearance = new Clearance("USA", "JPN", Set.of("UNCLASSIFIED", "SECRET"),
                Map.of("Releasable To", Set.of("JPN"), "Dissemination", Set.of("ORCON")));
        label = guard.key(rawLabel);
        clearance = guard.key(rawClearance);
        type = CotType.of("a-f-G-U-C");
        if (!guard.decide(label, clearance, type, 35.68, 139.76).permitted()) {
            throw new IllegalStateException("the benchmark case must be a permit with obligations");
        }
    }

    @Benchmark
    public Verdict cachedDecision() {
        return guard.decide(label, clearance, type, 35.68, 139.76);
    }

    @Benchmark
    public boolean uncachedAccess() {
        return access.permits(rawClearance, rawLabel);
    }
}
