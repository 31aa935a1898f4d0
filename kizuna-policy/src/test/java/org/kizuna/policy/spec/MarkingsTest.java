package org.kizuna.policy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kizuna.policy.testing.Policies.dissem;
import static org.kizuna.policy.testing.Policies.relTo;
import static org.kizuna.policy.testing.Policies.usa;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.testing.Policies;

class MarkingsTest {

    private final Markings markings = new Markings(Policies.USA);

    @Test
    void relToListsUsaFirstThenTrigraphsThenTetragraphs() {
        // reference §1.4: "REL TO USA, AUS, IND, JPN"
        assertThat(markings.banner(usa("SECRET", relTo("JPN", "IND", "USA", "AUS")))).isEqualTo("SECRET//REL TO USA, AUS, IND, JPN");
        assertThat(RelToOrder.sort(List.of("NATO", "GBR", "FVEY", "USA", "CAN"), "USA"))
                .containsExactly("USA", "CAN", "GBR", "FVEY", "NATO");
    }

    @Test
    void portionMarksUseAbbreviations() {
        assertThat(markings.portion(usa("SECRET", relTo("JPN", "USA"), dissem("ORCON"))))
                .isEqualTo("(S//OC//REL TO USA, JPN)");
        assertThat(markings.banner(usa("SECRET", dissem("NOFORN")))).isEqualTo("SECRET//NOFORN");
        assertThat(markings.portion(usa("UNCLASSIFIED"))).isEqualTo("(U)");
    }

    @Test
    void informativeCategoriesAreNotMarked() {
        assertThat(markings.banner(usa("CONFIDENTIAL", Category.of("Administrative", CategoryType.INFORMATIVE, "EXERCISE"))))
                .isEqualTo("CONFIDENTIAL");
    }

    @Test
    void theJapanesePolicyPutsJapanFirst() {
        assertThat(new Markings(Policies.JPN).banner(org.kizuna.policy.label.SecurityLabel.of("JPN", "GOKUHI",
                relTo("USA", "AUS", "JPN")))).isEqualTo("GOKUHI//REL TO JPN, AUS, USA");
    }

    @Test
    void refusesLabelsThePolicyDoesNotDefine() {
        assertThatThrownBy(() -> markings.banner(usa("COSMIC"))).hasMessageContaining("unknown classification COSMIC");
        assertThatThrownBy(() -> markings.banner(usa("SECRET", relTo("XYZ")))).hasMessageContaining("no value XYZ");
        assertThatThrownBy(() -> markings.banner(usa("SECRET", dissem("EYESONLY")))).hasMessageContaining("EYESONLY");
    }
}
