package org.kizuna.policy.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kizuna.cot.CotType;
import org.kizuna.policy.access.AccessDecision;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.access.DominantLabelTest;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.testing.Policies;

/** Whatever the posture's rules say, the guard never permits what the access decision denies. */
class NoLeakProperties {

    private static final ReleasePolicy PERMISSIVE_RULES = ReleaseRulesYaml.parse("""
            PEACETIME:
              - {name: all}
            GRAY_ZONE:
              - {name: coarse, obligations: {coarsen: 1000}}
            """);

    @Property
    void aPermitImpliesTheClearanceDominatesTheLabel(@ForAll("labels") List<SecurityLabel> labels,
                                                     @ForAll("clearances") Clearance clearance,
                                                     @ForAll("postures") Posture posture) {
        ReleaseGuard guard = new ReleaseGuard(Policies.accessControl(), Policies.USA, PERMISSIVE_RULES,
                () -> new PostureState(posture, 7, Instant.EPOCH, java.util.Optional.empty(), "", ""));
        ClearanceKey c = guard.key(clearance);
        for (SecurityLabel l : labels) {
            // ask twice: the cached answer must equal the first
            Verdict first = guard.decide(guard.key(LabelSet.of(l)), c, CotType.of("a-f-G"), 35, 139);
            Verdict second = guard.decide(guard.key(LabelSet.of(l)), c, CotType.of("a-f-G"), 35, 139);
            assertThat(second).isEqualTo(first);
            assertThat(first.permitted()).isEqualTo(AccessDecision.permits(clearance, l) && !posture.equals(Posture.HADR));
        }
    }

    @Provide
    Arbitrary<List<SecurityLabel>> labels() {
        return DominantLabelTest.label().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Clearance> clearances() {
        return DominantLabelTest.clearance();
    }

    @Provide
    Arbitrary<Posture> postures() {
        return Arbitraries.of(Posture.PEACETIME, Posture.GRAY_ZONE, Posture.HADR);
    }
}
