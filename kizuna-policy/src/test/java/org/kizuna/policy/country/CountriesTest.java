package org.kizuna.policy.country;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CountriesTest {

    @Test
    void everyCoalitionMemberIsInTheTable() {
        Set<String> needed = new HashSet<>();
        needed.addAll(Countries.QUAD);
        needed.addAll(Countries.FIVE_EYES);
        needed.addAll(Countries.NATO);
        needed.addAll(Countries.ASEAN);
        assertThat(needed).allMatch(Countries::isTrigraph);
        assertThat(Countries.all()).hasSizeGreaterThanOrEqualTo(193);
    }

    @Test
    void numericCodesAreThoseOf2525E() {
        // reference §1.4: USA 840, JPN 392, AUS 036, IND 356
        assertThat(Countries.byAlpha3("USA").orElseThrow().numericCode()).isEqualTo("840");
        assertThat(Countries.byAlpha3("jpn").orElseThrow().numeric()).isEqualTo(392);
        assertThat(Countries.byAlpha3("AUS").orElseThrow().numericCode()).isEqualTo("036");
        assertThat(Countries.byNumeric(356).orElseThrow().alpha3()).isEqualTo("IND");
        assertThat(Countries.byAlpha3("XXX")).isEmpty();
    }

    @Test
    void tetragraphsAreNotCountries() {
        assertThat(Countries.isTrigraph("FVEY")).isFalse();
        assertThat(Countries.isTetragraph("FVEY")).isTrue();
        assertThat(Countries.isTetragraph("NATO")).isTrue();
    }
}
