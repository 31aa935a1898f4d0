package org.kizuna.app.release;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kizuna.app.config.AccreditationSpec;
import org.kizuna.app.config.ClearanceSpec;
import org.kizuna.core.federation.PartnerGuard;
import org.kizuna.core.federation.Release;
import org.kizuna.core.federation.ReleaseStamp;
import org.kizuna.core.identity.Group;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.federation.Partner;
import org.kizuna.policy.access.AccessControl;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.access.LabelTranslator;
import org.kizuna.policy.cot.EventLabels;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner guard's second word on a queued frame: still releasable only while the posture in
 * force permits it with the same shaping, whether the stamp holds the guard's key (queued in this
 * run) or the labels read back from the envelope (restored from the journal).
 */
class PartnerGuardStampTest {

    private static final SecurityPolicy JPN = PolicyYaml.parse(Nations.JPN_POLICY);
    private static final String RULES = """
            PEACETIME:
              - {name: markers, types: [b-m]}
            GRAY_ZONE:
              - {name: markers-coarse, types: [b-m], obligations: {coarsen: 1000}}
            CONTINGENCY:
              - {name: markers-late, types: [b-m], obligations: {delay: 60s}}
            HADR:
              - {name: markers-north, types: [b-m], area: [[40, 130], [50, 130], [50, 150], [40, 150]]}
            """;

    private final Partner usa = new Partner("usa-1", "USA", "USA", "usa-1", Path.of("usa.pem"), null,
            Set.of(Group.ANONYMOUS), Set.of(Group.ANONYMOUS), 0);
    private PostureState inForce = state(Posture.PEACETIME, 1);
    private final EventLabels eventLabels = new EventLabels(JPN);
    private final ReleaseGuard guard = new ReleaseGuard(new AccessControl(Map.of(JPN.id(), JPN)), JPN,
            ReleaseRulesYaml.parse(RULES), () -> inForce);
    private final PartnerGuard partnerGuard = new PartnerGuard(guard, new ObligationApplier(new byte[32]),
            accreditation());

    @Test
    void aStampStaysReleasableOnlyWhileThePostureReleasesItShapedTheSame() {
        Release queued = partnerGuard.decide(LabelledRouting.routed(labelled(Events.marker("M-1", Duration.ofMinutes(5))), eventLabels, guard), usa);
        ReleaseStamp stamp = queued.stamp();
        assertThat(stamp.isRestored()).isFalse();
        assertThat(stamp.shaping()).isEmpty();
        assertThat(partnerGuard.stillReleasable(stamp, usa)).isTrue();

        inForce = state(Posture.GRAY_ZONE, 2);
        assertThat(partnerGuard.stillReleasable(stamp, usa)).as("now only coarsened: the queued copy is exact").isFalse();
        Release coarse = partnerGuard.decide(LabelledRouting.routed(labelled(Events.marker("M-2", Duration.ofMinutes(5))), eventLabels, guard), usa);
        assertThat(coarse.stamp().shaping()).isNotEmpty();
        assertThat(partnerGuard.stillReleasable(coarse.stamp(), usa)).isTrue();

        inForce = state(Posture.CONTINGENCY, 3);
        assertThat(partnerGuard.stillReleasable(stamp, usa)).as("a delay alone shapes nothing").isTrue();
        assertThat(partnerGuard.stillReleasable(coarse.stamp(), usa)).as("coarser than now required").isFalse();

        inForce = state(Posture.HADR, 4);
        assertThat(partnerGuard.stillReleasable(stamp, usa)).as("outside the area the posture releases").isFalse();
        Partner unaccredited = new Partner("aus-1", "AUS", "AUS", "aus-1", Path.of("aus.pem"), null,
                Set.of(Group.ANONYMOUS), Set.of(Group.ANONYMOUS), 0);
        inForce = state(Posture.PEACETIME, 5);
        assertThat(partnerGuard.stillReleasable(stamp, unaccredited)).isFalse();
    }

    @Test
    void aRestoredStampIsDecidedFromTheLabelsAsTheyTravelled() {
        CotEvent marker = labelled(Events.marker("M-1", Duration.ofMinutes(5)));
        Release queued = partnerGuard.decide(LabelledRouting.routed(marker, eventLabels, guard), usa);
        ReleaseStamp restored = restored(queued.originatorLabel(), queued.alternativeLabels(), "");
        assertThat(partnerGuard.stillReleasable(restored, usa)).isTrue();

        inForce = state(Posture.GRAY_ZONE, 2);
        assertThat(partnerGuard.stillReleasable(restored, usa)).isFalse();
        inForce = state(Posture.PEACETIME, 3);
        assertThat(partnerGuard.stillReleasable(restored(queued.originatorLabel(), queued.alternativeLabels(), null), usa))
                .as("journalled without its shaping: unknown, so no").isFalse();
        assertThat(partnerGuard.stillReleasable(restored("<not a label".getBytes(StandardCharsets.UTF_8),
                queued.alternativeLabels(), ""), usa)).as("unreadable labels").isFalse();
        assertThat(partnerGuard.stillReleasable(restored(queued.originatorLabel(), Map.of("AUS",
                queued.alternativeLabels().get("USA")), ""), usa)).as("a label under another policy's name").isFalse();
    }

    @Test
    void aLabelAboveTheAccreditationQueuedBeforeIsNotReleasableEither() {
        Release queued = partnerGuard.decide(LabelledRouting.routed(labelled(Events.marker("M-1", Duration.ofMinutes(5))), eventLabels, guard), usa);
        Release kimitsu = Release.permit(queued.copy(), queued.originatorLabel(), queued.alternativeLabels(),
                ReleaseStamp.of(queued.event(), guard.key(LabelSet.of(label("KIMITSU"))), ""));
        assertThat(partnerGuard.stillReleasable(kimitsu.stamp(), usa)).isFalse();
    }

    private ReleaseStamp restored(byte[] originator, Map<String, byte[]> alternatives, String shaping) {
        return ReleaseStamp.restored(new ReleaseStamp.Travelled(originator, alternatives), CotType.of("b-m-p-s-m"), 35.6,
                139.7, shaping);
    }

    private CotEvent labelled(CotEvent event) {
        SecurityLabel label = label("TORIATSUKAICHUI");
        LabelSet set = LabelSet.of(label);
        Optional<SecurityLabel> usaLabel = LabelTranslator.translate(label, JPN.equivalences().get("USA"));
        set = set.withAlternative(usaLabel.orElseThrow());
        return eventLabels.write(event, set);
    }

    private static SecurityLabel label(String classification) {
        return new SecurityLabel("JPN", classification, "", List.of(Category.of("Releasable To",
                CategoryType.PERMISSIVE, List.of("JPN", "USA"))));
    }

    private static PostureState state(Posture posture, long version) {
        return new PostureState(posture, version, Instant.EPOCH, Optional.empty(), "", "");
    }

    private Map<String, Clearance> accreditation() {
        return PartnerClearances.of(List.of(usa), Map.of("USA", new AccreditationSpec(new ClearanceSpec("",
                List.of("TORIATSUKAICHUI", "HI"), "USA", Map.of("Releasable To", List.of("USA"))), "")), JPN);
    }
}
