package org.kizuna.policy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.testing.Policies;

class PolicyYamlTest {

    @Test
    void readsClassificationsByRankTagsAndEquivalences() {
        SecurityPolicy p = Policies.USA;
        assertThat(p.id()).isEqualTo("USA");
        assertThat(p.classifications()).extracting(Classification::name)
                .containsExactly("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET");
        assertThat(p.classificationsUpTo("SECRET")).containsExactly("UNCLASSIFIED", "CONFIDENTIAL", "SECRET");
        assertThat(p.tags().get("Releasable To").type()).isEqualTo(CategoryType.PERMISSIVE);
        assertThat(p.tags().get("Dissemination").portionOf("NOFORN")).isEqualTo("NF");
        assertThat(p.equivalenceTo("JPN").orElseThrow().classifications()).containsEntry("SECRET", "GOKUHI");
        assertThat(p.classificationByMarking("s")).map(Classification::name).contains("SECRET");
    }

    @Test
    void refusesBrokenFilesNamingTheKey() {
        assertThatThrownBy(() -> PolicyYaml.parse("policy: X\nclassifications: []\ncategories: []\ncolour: red"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> PolicyYaml.parse("policy: X\ncategories: []\nclassifications:\n"
                + "  - {name: A, rank: 1}\n  - {name: B, rank: 1}")).hasMessageContaining("share rank 1");
        assertThatThrownBy(() -> PolicyYaml.parse("policy: X\ncategories: [{tag: T, type: MAYBE}]\n"
                + "classifications: [{name: A, rank: 1}]")).hasMessageContaining("categories.T.type");
        assertThatThrownBy(() -> PolicyYaml.parse("classifications: [{name: A, rank: 1}]\ncategories: []"))
                .hasMessageContaining("policy: required");
        assertThatThrownBy(() -> PolicyYaml.parse("policy: X\ncategories: []\nclassifications: [{name: A, rank: high}]"))
                .hasMessageContaining("rank");
    }
}
