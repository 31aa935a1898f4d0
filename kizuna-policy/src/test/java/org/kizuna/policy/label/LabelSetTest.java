package org.kizuna.policy.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSetTest {

    private final SecurityLabel usa = SecurityLabel.of("USA", "SECRET", Category.of("Releasable To", CategoryType.PERMISSIVE, "usa", "JPN"));

    @Test
    void theOriginatorLabelIsNeverOverwritten() {
        LabelSet set = LabelSet.of(usa);
        assertThatThrownBy(() -> set.withAlternative(SecurityLabel.of("USA", "UNCLASSIFIED")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("originator");
        assertThatThrownBy(() -> new LabelSet(usa, Map.of("USA", SecurityLabel.of("USA", "UNCLASSIFIED"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alternativesAreKeptBesideTheOriginator() {
        LabelSet set = LabelSet.of(usa).withAlternative(SecurityLabel.of("JPN", "GOKUHI"));
        assertThat(set.forPolicy("USA")).contains(usa);
        assertThat(set.forPolicy("JPN")).contains(SecurityLabel.of("JPN", "GOKUHI"));
        assertThat(set.forPolicy("AUS")).isEmpty();
        assertThatThrownBy(() -> new LabelSet(usa, Map.of("JPN", SecurityLabel.of("AUS", "SECRET"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAreCanonicalSoEqualMarkingsAreEqualLabels() {
        SecurityLabel a = SecurityLabel.of("USA", "SECRET", Category.of("Releasable To", CategoryType.PERMISSIVE, "jpn", " USA"),
                Category.of("Dissemination", CategoryType.RESTRICTIVE, "NOFORN"));
        SecurityLabel b = SecurityLabel.of("USA", "SECRET", Category.of("Dissemination", CategoryType.RESTRICTIVE, "noforn"),
                Category.of("Releasable To", CategoryType.PERMISSIVE, "USA", "JPN"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void refusesDuplicateTagsAndEmptyRestrictiveCategories() {
        assertThatThrownBy(() -> SecurityLabel.of("USA", "SECRET", Category.of("T", CategoryType.PERMISSIVE, "A"),
                Category.of("T", CategoryType.PERMISSIVE, "B"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Category.of("T", CategoryType.RESTRICTIVE)).isInstanceOf(IllegalArgumentException.class);
    }
}
