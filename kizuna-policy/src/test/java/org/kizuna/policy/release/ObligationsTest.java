package org.kizuna.policy.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObligationsTest {

    private static Obligations of(Set<String> strip, double coarsen, boolean dropIdentity) {
        return new Obligations(strip, coarsen, dropIdentity, Duration.ZERO);
    }

    @Test
    void strictnessComparesEveryShapingButNotTheDelay() {
        Obligations exact = Obligations.NONE;
        Obligations coarse = of(Set.of(), 1000, false);
        Obligations coarser = of(Set.of(), 5000, false);
        Obligations stripped = of(Set.of("remarks"), 0, false);
        Obligations anonymous = of(Set.of(), 0, true);

        assertThat(coarse.atLeastAsStrictAs(exact)).isTrue();
        assertThat(exact.atLeastAsStrictAs(coarse)).isFalse();
        assertThat(coarser.atLeastAsStrictAs(coarse)).isTrue();
        assertThat(coarse.atLeastAsStrictAs(coarser)).isFalse();
        assertThat(anonymous.atLeastAsStrictAs(exact)).isTrue();
        assertThat(exact.atLeastAsStrictAs(anonymous)).isFalse();
        // each stricter in one respect: incomparable
        assertThat(stripped.atLeastAsStrictAs(coarse)).isFalse();
        assertThat(coarse.atLeastAsStrictAs(stripped)).isFalse();
        assertThat(of(Set.of("remarks"), 1000, false).atLeastAsStrictAs(stripped)).isTrue();
        assertThat(new Obligations(Set.of(), 0, false, Duration.ofMinutes(5)).atLeastAsStrictAs(exact)).isTrue();
        assertThat(exact.atLeastAsStrictAs(new Obligations(Set.of(), 0, false, Duration.ofMinutes(5)))).isTrue();
    }
}
