package org.kizuna.app.release;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kizuna.app.config.AccreditationSpec;
import org.kizuna.app.config.ClearanceSpec;
import org.kizuna.core.federation.EnvelopeLabels;
import org.kizuna.core.federation.PartnerGuard;
import org.kizuna.core.federation.Release;
import org.kizuna.core.identity.Group;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
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
import org.kizuna.policy.spec.Equivalence;
import org.kizuna.policy.spec.PolicyYaml;
import org.kizuna.policy.spec.SecurityPolicy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random accreditations (as written in {@code policy.accreditations}, translated into the
 * partner's policy when ours has an equivalence to it), random labels and events: the real
 * partner guard releases an event exactly when the accreditation dominates its label, and what it
 * releases carries the originator label unchanged. The network path is covered by
 * {@link NoLeakAcrossLinksProperties}; here the accreditations vary too.
 */
class PartnerGuardProperties {

    private static final SecurityPolicy JPN = PolicyYaml.parse(Nations.JPN_POLICY);

    record Accredited(String nation, Set<String> classifications, Set<String> relTo, Set<String> special) {
    }

    record Labelled(String classification, Set<String> relTo, Set<String> special, boolean position) {
    }

    @Property(tries = 300)
    void aPartnerIsSentExactlyWhatItsAccreditationDominates(@ForAll("accreditations") Accredited a,
                                                            @ForAll("labels") List<Labelled> events) throws Exception {
        Partner partner = new Partner(a.nation().toLowerCase() + "-1", a.nation(), a.nation(), "p", Path.of("p.pem"), null,
                Set.of(Group.ANONYMOUS), Set.of(Group.ANONYMOUS), 0);
        Map<String, Clearance> clearances = PartnerClearances.of(List.of(partner), Map.of(a.nation(),
                new AccreditationSpec(new ClearanceSpec("", List.copyOf(a.classifications()), a.nation(),
                        Map.of("Releasable To", List.copyOf(a.relTo()), "Special", List.copyOf(a.special()))), "")),
                JPN);
        PostureState peacetime = new PostureState(Posture.PEACETIME, 1, Instant.EPOCH, Optional.empty(), "", "");
        ReleaseGuard guard = new ReleaseGuard(new AccessControl(Map.of(JPN.id(), JPN)), JPN,
                ReleaseRulesYaml.parse("PEACETIME:\n  - {name: coarse, types: [a], obligations: {coarsen: 100}}\n"
                        + "  - {name: rest}\n"), () -> peacetime);
        EventLabels eventLabels = new EventLabels(JPN);
        PartnerGuard partnerGuard = new PartnerGuard(guard, new ObligationApplier(new byte[32]), clearances);
        int i = 0;
        for (Labelled l : events) {
            SecurityLabel label = label(l);
            CotEvent base = l.position() ? Events.pli("E" + i, "E") : Events.marker("E" + i, Duration.ofMinutes(5));
            i++;
            CotEvent event = eventLabels.write(base, withAlternatives(label));
            Release r = partnerGuard.decide(LabelledRouting.routed(event, eventLabels, guard), partner);
            assertThat(r.permitted()).as(l + " to " + a).isEqualTo(dominates(a, l));
            if (r.permitted()) {
                assertThat(EnvelopeLabels.readOriginator(r.originatorLabel())).isEqualTo(label);
                if (l.position()) {
                    assertThat(r.event().point().ce()).isGreaterThanOrEqualTo(100);
                }
            } else {
                assertThat(r.refusal()).isEqualTo("release-denied");
            }
        }
    }

    /** Reference §1.3 for a partner whose policy is the equivalence's (U.S., Australia) or ours (India). */
    private static boolean dominates(Accredited a, Labelled l) {
        boolean mapped = a.nation().equals("IND") || !l.classification().equals("KIMITSU");
        boolean anyRelTo = l.relTo().stream().anyMatch(a.relTo()::contains);
        return mapped && a.classifications().contains(l.classification()) && anyRelTo
                && a.special().containsAll(l.special());
    }

    private static SecurityLabel label(Labelled l) {
        List<Category> categories = new ArrayList<>();
        categories.add(Category.of("Releasable To", CategoryType.PERMISSIVE, List.copyOf(l.relTo())));
        if (!l.special().isEmpty()) {
            categories.add(Category.of("Special", CategoryType.RESTRICTIVE, List.copyOf(l.special())));
        }
        return new SecurityLabel("JPN", l.classification(), "", categories);
    }

    /** As the router labels at ingest: ours, and our equivalences' translations beside it. */
    private static LabelSet withAlternatives(SecurityLabel label) {
        LabelSet set = LabelSet.of(label);
        for (Equivalence eq : JPN.equivalences().values()) {
            Optional<SecurityLabel> alt = LabelTranslator.translate(label, eq);
            if (alt.isPresent()) {
                set = set.withAlternative(alt.get());
            }
        }
        return set;
    }

    @Provide
    Arbitrary<Accredited> accreditations() {
        Arbitrary<Set<String>> countries = Arbitraries.of("JPN", "USA", "AUS", "IND").set();
        return Combinators.combine(Arbitraries.of("USA", "AUS", "IND"),
                Arbitraries.of("TORIATSUKAICHUI", "HI", "KIMITSU").set(), countries,
                Arbitraries.of("ALPHA", "BRAVO").set()).as(Accredited::new);
    }

    @Provide
    Arbitrary<List<Labelled>> labels() {
        return Combinators.combine(Arbitraries.of("TORIATSUKAICHUI", "HI", "KIMITSU"),
                Arbitraries.of("JPN", "USA", "AUS", "IND").set().ofMinSize(1), Arbitraries.of("ALPHA", "BRAVO").set(),
                Arbitraries.of(true, false)).as(Labelled::new).list().ofMinSize(1).ofMaxSize(10);
    }
}
