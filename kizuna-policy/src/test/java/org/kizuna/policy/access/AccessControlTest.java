package org.kizuna.policy.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.policy.testing.Policies.dissem;
import static org.kizuna.policy.testing.Policies.relTo;
import static org.kizuna.policy.testing.Policies.usa;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.testing.Policies;

/** Recipients under another policy: the alternative label, else the equivalence, else deny. */
class AccessControlTest {

    private final AccessControl access = Policies.accessControl();
    private final Clearance jpnGokuhi = new Clearance("JPN", "JPN", Policies.JPN.classificationsUpTo("GOKUHI"),
            Map.of("Releasable To", Set.of("JPN")));

    @Test
    void translatesThroughTheEquivalence() {
        LabelSet set = LabelSet.of(usa("SECRET", relTo("USA", "JPN")));
        assertThat(access.labelFor(set, "JPN")).contains(SecurityLabel.of("JPN", "GOKUHI", relTo("JPN", "USA")));
        assertThat(access.permits(jpnGokuhi, set)).isTrue();
    }

    @Test
    void theTranslationStillAppliesReleasability() {
        assertThat(access.permits(jpnGokuhi, LabelSet.of(usa("SECRET", relTo("USA", "AUS"))))).isFalse();
    }

    @Test
    void noMappingMeansDeny() {
        // TOP SECRET has no Japanese equivalent in the test table
        assertThat(access.permits(jpnGokuhi, LabelSet.of(usa("TOP SECRET", relTo("JPN"))))).isFalse();
        // nor has the NOFORN caveat: a partial translation would drop it
        assertThat(access.labelFor(LabelSet.of(usa("SECRET", relTo("JPN"), dissem("NOFORN"))), "JPN")).isEmpty();
        // an unknown originator policy cannot be translated at all
        assertThat(access.permits(jpnGokuhi, LabelSet.of(SecurityLabel.of("AUS", "SECRET")))).isFalse();
    }

    @Test
    void anAlternativeLabelWinsOverTheEquivalence() {
        LabelSet set = LabelSet.of(usa("SECRET", relTo("USA"))).withAlternative(SecurityLabel.of("JPN", "HI", relTo("JPN")));
        assertThat(access.labelFor(set, "JPN")).contains(SecurityLabel.of("JPN", "HI", relTo("JPN")));
        assertThat(access.permits(jpnGokuhi, set)).isTrue();
    }
}
