package org.kizuna.core.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kizuna.core.release.FirstReleases.Outcome;

class FirstReleasesTest {

    @Test
    void onlyTheFirstReleaseOfAnObjectToARecipientIsNew() {
        FirstReleases t = new FirstReleases(10);
        assertThat(t.released("watch", "U1")).isEqualTo(Outcome.FIRST);
        assertThat(t.released("watch", "U1")).isEqualTo(Outcome.REPEAT);
        assertThat(t.released("lno", "U1")).isEqualTo(Outcome.FIRST);
        assertThat(t.released("watch", "U2")).isEqualTo(Outcome.FIRST);
        assertThat(t.remembered()).isEqualTo(3);
    }

    @Test
    void whenFullNewPairsAreCountedForSummariesAndKnownOnesStayRepeats() {
        FirstReleases t = new FirstReleases(2);
        t.released("watch", "U1");
        t.released("watch", "U2");
        assertThat(t.released("watch", "U3")).isEqualTo(Outcome.UNRECORDED);
        assertThat(t.released("watch", "U3")).isEqualTo(Outcome.UNRECORDED);
        assertThat(t.released("lno", "U1")).isEqualTo(Outcome.UNRECORDED);
        assertThat(t.released("watch", "U1")).isEqualTo(Outcome.REPEAT);
        assertThat(t.takeUnrecorded()).isEqualTo(Map.of("watch", 2L, "lno", 1L));
        assertThat(t.takeUnrecorded()).isEmpty();
        assertThat(t.remembered()).isEqualTo(2);
    }

    @Test
    void neverHandedIsCertainOnlyWhileNothingWentUnrecorded() {
        FirstReleases t = new FirstReleases(2);
        t.released("watch", "U1");
        assertThat(t.mayHaveReleased("watch", "U1")).isTrue();
        assertThat(t.mayHaveReleased("watch", "U2")).isFalse();
        assertThat(t.mayHaveReleased("lno", "U1")).isFalse();
        t.released("watch", "U2");
        assertThat(t.mayHaveReleased("lno", "U9")).as("full: a release may have gone unrecorded").isTrue();
    }
}
