package org.kizuna.policy.testing;

import java.util.Map;
import org.kizuna.policy.access.AccessControl;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.spec.PolicyYaml;
import org.kizuna.policy.spec.SecurityPolicy;

/** Two small national policies for tests: a U.S.-style one and a Japanese one with an equivalence. */
public final class Policies {

    public static final String REL = "Releasable To";
    public static final String DISSEM = "Dissemination";
    public static final String ADMIN = "Administrative";

    public static final SecurityPolicy USA = PolicyYaml.parse("""
            policy: USA
            uri: urn:oid:2.16.840.1.101.2.1.1
            relToFirst: USA
            classifications:
              - {name: UNCLASSIFIED, rank: 0, marking: UNCLASSIFIED, portion: U}
              - {name: CONFIDENTIAL, rank: 2, marking: CONFIDENTIAL, portion: C}
              - {name: SECRET, rank: 3, marking: SECRET, portion: S}
              - {name: TOP SECRET, rank: 4, marking: TOP SECRET, portion: TS}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
              - {tag: Dissemination, type: RESTRICTIVE, values: {NOFORN: NF, ORCON: OC}}
              - {tag: Administrative, type: INFORMATIVE}
            equivalences:
              JPN:
                classifications: {UNCLASSIFIED: TORIATSUKAICHUI, CONFIDENTIAL: HI, SECRET: GOKUHI}
                tags: {Releasable To: Releasable To}
            """);

    public static final SecurityPolicy JPN = PolicyYaml.parse("""
            policy: JPN
            relToFirst: JPN
            classifications:
              - {name: TORIATSUKAICHUI, rank: 0, marking: TORIATSUKAI CHUI, portion: TC}
              - {name: HI, rank: 2, marking: HI, portion: H}
              - {name: GOKUHI, rank: 3, marking: GOKUHI, portion: G}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
            equivalences:
              USA:
                classifications: {TORIATSUKAICHUI: UNCLASSIFIED, HI: CONFIDENTIAL, GOKUHI: SECRET}
                tags: {Releasable To: Releasable To}
            """);

    private Policies() {
    }

    public static AccessControl accessControl() {
        return new AccessControl(Map.of("USA", USA, "JPN", JPN));
    }

    public static SecurityLabel usa(String classification, Category... categories) {
        return SecurityLabel.of("USA", classification, categories);
    }

    public static Category relTo(String... countries) {
        return Category.of(REL, CategoryType.PERMISSIVE, countries);
    }

    public static Category dissem(String... values) {
        return Category.of(DISSEM, CategoryType.RESTRICTIVE, values);
    }

    /** A USA-policy clearance up to {@code max}, of {@code nation}, holding {@code relTo} and {@code dissem}. */
    public static Clearance cleared(String max, String nation, java.util.Set<String> relTo, java.util.Set<String> dissem) {
        return new Clearance("USA", nation, USA.classificationsUpTo(max), Map.of(REL, relTo, DISSEM, dissem));
    }
}
