package org.kizuna.policy.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.policy.testing.Policies.cleared;
import static org.kizuna.policy.testing.Policies.relTo;
import static org.kizuna.policy.testing.Policies.usa;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.kizuna.cot.CotType;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.testing.Policies;

class ReleaseGuardTest {

    static final String RULES = """
            PEACETIME:
              - {name: no-chat-abroad, types: [b-t-f], nations: [JPN, AUS], permit: false}
              - name: friendly-coarse
                types: [a-f]
                nations: [JPN, AUS]
                maxClassification: CONFIDENTIAL
                obligations: {coarsen: 1000, strip: [remarks]}
              - name: kanto-only
                types: [a-f]
                nations: [JPN]
                area: [[34, 138], [34, 141], [37, 141], [37, 138]]
                obligations: {dropIdentity: true, delay: 5m}
              - {name: home, nations: [USA]}
            HADR:
              - {name: everything, anyValues: {Releasable To: [JPN, AUS]}}
            """;

    private final AtomicReference<PostureState> posture =
            new AtomicReference<>(PostureState.initial(Posture.PEACETIME, Instant.EPOCH));
    private final ReleaseGuard guard = new ReleaseGuard(Policies.accessControl(), Policies.USA,
            ReleaseRulesYaml.parse(RULES), posture::get);

    private final ClearanceKey jpn = guard.key(cleared("SECRET", "JPN", Set.of("JPN"), Set.of()));
    private final ClearanceKey usaDesk = guard.key(cleared("SECRET", "USA", Set.of("USA"), Set.of("NOFORN")));
    private final ClearanceKey jpnUnclass = guard.key(cleared("UNCLASSIFIED", "JPN", Set.of("JPN"), Set.of()));

    private Verdict decide(LabelSet label, ClearanceKey to, String type, double lat, double lon) {
        return guard.decide(guard.key(label), to, CotType.of(type), lat, lon);
    }

    @Test
    void theAccessDecisionComesFirst() {
        LabelSet secret = LabelSet.of(usa("SECRET", relTo("USA", "JPN")));
        assertThat(decide(secret, jpnUnclass, "a-f-G", 35, 139).reason()).isEqualTo("clearance");
        assertThat(decide(LabelSet.of(usa("CONFIDENTIAL", relTo("USA"))), jpn, "a-f-G", 35, 139).permitted()).isFalse();
    }

    @Test
    void theFirstCoveringRuleDecidesWithItsObligations() {
        LabelSet conf = LabelSet.of(usa("CONFIDENTIAL", relTo("USA", "JPN")));
        Verdict v = decide(conf, jpn, "a-f-G-U-C", 10, 10);
        assertThat(v.permitted()).isTrue();
        assertThat(v.obligations().coarsenMetres()).isEqualTo(1000);
        assertThat(v.obligations().strip()).containsExactly("remarks");
        assertThat(decide(conf, jpn, "b-t-f", 35, 139).reason()).isEqualTo("rule no-chat-abroad");
    }

    @Test
    void rulesSelectByLabelAreaAndType() {
        LabelSet secret = LabelSet.of(usa("SECRET", relTo("USA", "JPN")));
        // above friendly-coarse's CONFIDENTIAL, inside the Kanto area: the next rule
        Verdict kanto = decide(secret, jpn, "a-f-G", 35.7, 139.7);
        assertThat(kanto.reason()).isEqualTo("kanto-only");
        assertThat(kanto.obligations().dropIdentity()).isTrue();
        assertThat(kanto.obligations().delay()).isEqualTo(Duration.ofMinutes(5));
        // same label outside the area, or a hostile track: no rule, deny by default
        assertThat(decide(secret, jpn, "a-f-G", 26.2, 127.7).permitted()).isFalse();
        assertThat(decide(secret, jpn, "a-h-G", 35.7, 139.7).reason()).startsWith("no rule");
        // the home rule covers the node's own nation for everything
        assertThat(decide(secret, usaDesk, "u-d-f", 0, 0)).isEqualTo(Verdict.permit(Obligations.NONE, "home"));
    }

    @Test
    void aPostureChangeIsANewCacheKey() {
        LabelSet conf = LabelSet.of(usa("CONFIDENTIAL", relTo("USA", "JPN")));
        assertThat(decide(conf, jpn, "b-t-f", 35, 139).permitted()).isFalse();
        posture.set(new PostureState(Posture.HADR, 2, Instant.EPOCH, java.util.Optional.empty(), "a", "b"));
        assertThat(decide(conf, jpn, "b-t-f", 35, 139).reason()).isEqualTo("everything");
        // a posture without rules denies everything
        posture.set(new PostureState(Posture.CONTINGENCY, 3, Instant.EPOCH, java.util.Optional.empty(), "a", "b"));
        assertThat(decide(conf, usaDesk, "a-f-G", 35, 139).permitted()).isFalse();
    }

    @Test
    void labelsAndClearancesAreInterned() {
        LabelSet a = LabelSet.of(usa("SECRET", relTo("USA", "JPN")));
        LabelSet b = LabelSet.of(usa("SECRET", relTo("JPN", "USA")));
        assertThat(guard.key(a)).isSameAs(guard.key(b));
        Clearance c = cleared("SECRET", "JPN", Set.of("JPN"), Set.of());
        assertThat(guard.key(c)).isSameAs(jpn);
        decide(a, jpn, "a-f-G", 35.7, 139.7);
        decide(b, jpn, "a-f-G", 26, 127);
        assertThat(guard.cached()).isEqualTo(1);
    }

    @Test
    void anUnreadableLabelNeverMatchesALabelCondition() {
        // a label under an unknown policy: the access decision already denies
        LabelSet foreign = LabelSet.of(org.kizuna.policy.label.SecurityLabel.of("AUS", "SECRET"));
        assertThat(decide(foreign, usaDesk, "a-f-G", 0, 0).reason()).isEqualTo("clearance");
    }

    @Test
    void theListenerHearsEachNewDecisionOnce() {
        java.util.List<String> heard = new java.util.ArrayList<>();
        ReleaseGuard audited = new ReleaseGuard(Policies.accessControl(), Policies.USA, ReleaseRulesYaml.parse(RULES),
                posture::get, (labels, clearance, state, access, rules) ->
                heard.add(labels.originator().classification() + " " + clearance.nation() + " " + access + " " + rules));
        LabelKey conf = audited.key(LabelSet.of(usa("CONFIDENTIAL", relTo("USA", "JPN"))));
        ClearanceKey toJpn = audited.key(cleared("SECRET", "JPN", Set.of("JPN"), Set.of()));
        ClearanceKey low = audited.key(cleared("UNCLASSIFIED", "JPN", Set.of("JPN"), Set.of()));
        for (int i = 0; i < 3; i++) {
            audited.decide(conf, toJpn, CotType.of("a-f-G"), 35, 139);
            audited.decide(conf, low, CotType.of("a-f-G"), 35, 139);
        }
        assertThat(heard).containsExactly("CONFIDENTIAL JPN true [no-chat-abroad, friendly-coarse, kanto-only]",
                "CONFIDENTIAL JPN false []");
        posture.set(new PostureState(Posture.HADR, 2, Instant.EPOCH, java.util.Optional.empty(), "a", "b"));
        audited.decide(conf, toJpn, CotType.of("a-f-G"), 35, 139);
        assertThat(heard).hasSize(3);
    }

    /** A listener that can no longer record (the audit writer failed) stops every release, cached or not. */
    @Test
    void nothingIsReleasedOnceDecisionsCannotBeRecorded() {
        java.util.concurrent.atomic.AtomicBoolean recording = new java.util.concurrent.atomic.AtomicBoolean(true);
        ReleaseGuard audited = new ReleaseGuard(Policies.accessControl(), Policies.USA, ReleaseRulesYaml.parse(RULES),
                posture::get, new DecisionListener() {
                    @Override
                    public void decided(LabelSet labels, Clearance clearance, PostureState state, boolean access,
                                        java.util.List<String> rules) {
                    }

                    @Override
                    public boolean recording() {
                        return recording.get();
                    }
                });
        LabelKey conf = audited.key(LabelSet.of(usa("CONFIDENTIAL", relTo("USA", "JPN"))));
        ClearanceKey toJpn = audited.key(cleared("SECRET", "JPN", Set.of("JPN"), Set.of()));
        assertThat(audited.decide(conf, toJpn, CotType.of("a-f-G"), 35, 139).permitted()).isTrue();
        recording.set(false);
        Verdict v = audited.decide(conf, toJpn, CotType.of("a-f-G"), 35, 139);
        assertThat(v.permitted()).isFalse();
        assertThat(v.reason()).isEqualTo(ReleaseGuard.AUDIT_DOWN);
    }
}
