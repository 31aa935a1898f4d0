package org.kizuna.policy.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.policy.testing.Policies.ADMIN;
import static org.kizuna.policy.testing.Policies.cleared;
import static org.kizuna.policy.testing.Policies.dissem;
import static org.kizuna.policy.testing.Policies.relTo;
import static org.kizuna.policy.testing.Policies.usa;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.SecurityLabel;

/** The decision of reference §1.3, rule by rule. */
class AccessDecisionTest {

    private static final Clearance JPN_SECRET = cleared("SECRET", "JPN", Set.of("JPN"), Set.of());
    private static final Clearance USA_SECRET_NF = cleared("SECRET", "USA", Set.of("USA"), Set.of("NOFORN"));
    private static final Clearance USA_TS_ALL = cleared("TOP SECRET", "USA", Set.of("USA"), Set.of("NOFORN", "ORCON"));

    static Stream<Arguments> cases() {
        return Stream.of(
                // 1. the classification must be held
                Arguments.of("classification held", JPN_SECRET, usa("SECRET", relTo("USA", "JPN")), true),
                Arguments.of("classification above", JPN_SECRET, usa("TOP SECRET", relTo("USA", "JPN")), false),
                Arguments.of("lower classification held", JPN_SECRET, usa("UNCLASSIFIED", relTo("JPN")), true),
                // 2. every restrictive value
                Arguments.of("restrictive held", USA_SECRET_NF, usa("SECRET", dissem("NOFORN")), true),
                Arguments.of("one restrictive value missing", USA_SECRET_NF, usa("SECRET", dissem("NOFORN", "ORCON")), false),
                Arguments.of("all restrictive values held", USA_TS_ALL, usa("SECRET", dissem("NOFORN", "ORCON")), true),
                Arguments.of("restrictive tag not held at all", JPN_SECRET, usa("SECRET", dissem("NOFORN")), false),
                // 3. at least one value of each permissive tag
                Arguments.of("one of the permissive values", JPN_SECRET, usa("SECRET", relTo("AUS", "JPN", "USA")), true),
                Arguments.of("none of the permissive values", JPN_SECRET, usa("SECRET", relTo("AUS", "USA")), false),
                Arguments.of("empty permissive admits nobody", USA_TS_ALL,
                        new SecurityLabel("USA", "SECRET", "", java.util.List.of(
                                new Category("Releasable To", CategoryType.PERMISSIVE, new java.util.TreeSet<>()))), false),
                // 4. informative categories never matter
                Arguments.of("informative ignored", JPN_SECRET,
                        usa("SECRET", relTo("JPN"), Category.of(ADMIN, CategoryType.INFORMATIVE, "EXERCISE")), true),
                // different policy: no decision without translation
                Arguments.of("other policy", new Clearance("JPN", "JPN", Set.of("GOKUHI"), Map.of()),
                        usa("UNCLASSIFIED"), false),
                Arguments.of("no categories", JPN_SECRET, usa("CONFIDENTIAL"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, Clearance clearance, SecurityLabel label, boolean expected) {
        assertThat(AccessDecision.permits(clearance, label)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void hierarchyAloneGrantsNothing() {
        // spiffing semantics: a clearance holding only SECRET does not hold CONFIDENTIAL
        Clearance onlySecret = new Clearance("USA", "USA", Set.of("SECRET"), Map.of());
        assertThat(AccessDecision.permits(onlySecret, usa("SECRET"))).isTrue();
        assertThat(AccessDecision.permits(onlySecret, usa("CONFIDENTIAL"))).isFalse();
    }
}
