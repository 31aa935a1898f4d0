package org.kizuna.policy.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.policy.testing.Policies.dissem;
import static org.kizuna.policy.testing.Policies.relTo;
import static org.kizuna.policy.testing.Policies.usa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.testing.Policies;

public class DominantLabelTest {

    private static final List<String> CLASSES = List.of("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET");
    private static final List<String> NATIONS = List.of("USA", "JPN", "AUS", "IND", "GBR");

    @Test
    void highestClassificationUnionOfRestrictiveIntersectionOfPermissive() {
        SecurityLabel a = usa("CONFIDENTIAL", relTo("USA", "JPN", "AUS"), dissem("ORCON"));
        SecurityLabel b = usa("SECRET", relTo("USA", "JPN"), dissem("NOFORN"));
        assertThat(DominantLabel.of(Policies.USA, List.of(a, b)))
                .isEqualTo(usa("SECRET", relTo("USA", "JPN"), dissem("NOFORN", "ORCON")));
    }

    @Test
    void aPermissiveTagMissingFromOneInputStays() {
        SecurityLabel a = usa("SECRET", relTo("USA", "JPN"));
        SecurityLabel b = usa("SECRET");
        assertThat(DominantLabel.of(Policies.USA, List.of(a, b))).isEqualTo(a);
    }

    @Test
    void disjointReleasabilityAdmitsNobody() {
        SecurityLabel agg = DominantLabel.of(Policies.USA, List.of(usa("SECRET", relTo("JPN")), usa("SECRET", relTo("AUS"))));
        Clearance everything = new Clearance("USA", "USA", Set.copyOf(CLASSES), Map.of("Releasable To", Set.copyOf(NATIONS)));
        assertThat(AccessDecision.permits(everything, agg)).isFalse();
    }

    /** Whoever may read the aggregate may read every part of it. */
    @Property
    void dominanceIsMonotonic(@ForAll("labels") List<SecurityLabel> parts, @ForAll("clearances") Clearance c) {
        SecurityLabel agg = DominantLabel.of(Policies.USA, parts);
        if (AccessDecision.permits(c, agg)) {
            assertThat(parts).allMatch(p -> AccessDecision.permits(c, p));
        }
        assertThat(Policies.USA.rank(agg.classification()))
                .isEqualTo(parts.stream().mapToInt(p -> Policies.USA.rank(p.classification())).max().orElseThrow());
    }

    @Provide
    Arbitrary<List<SecurityLabel>> labels() {
        return label().list().ofMinSize(1).ofMaxSize(5);
    }

    public static Arbitrary<SecurityLabel> label() {
        Arbitrary<String> cls = Arbitraries.of(CLASSES);
        Arbitrary<Set<String>> rel = Arbitraries.of(NATIONS).set().ofMaxSize(4);
        Arbitrary<Set<String>> dis = Arbitraries.of("NOFORN", "ORCON").set().ofMaxSize(2);
        return Combinators.combine(cls, rel, dis).as((c, r, d) -> {
            List<Category> cats = new ArrayList<>();
            if (!r.isEmpty()) {
                cats.add(Category.of("Releasable To", CategoryType.PERMISSIVE, r));
            }
            if (!d.isEmpty()) {
                cats.add(Category.of("Dissemination", CategoryType.RESTRICTIVE, d));
            }
            return new SecurityLabel("USA", c, "", cats);
        });
    }

    @Provide
    Arbitrary<Clearance> clearances() {
        return clearance();
    }

    public static Arbitrary<Clearance> clearance() {
        return Combinators.combine(Arbitraries.of(CLASSES), Arbitraries.of(NATIONS), Arbitraries.of(NATIONS).set(),
                Arbitraries.of("NOFORN", "ORCON").set()).as((max, nation, rel, dis) ->
                new Clearance("USA", nation, Policies.USA.classificationsUpTo(max),
                        Map.of("Releasable To", rel, "Dissemination", dis)));
    }
}
