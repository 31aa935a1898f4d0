package org.kizuna.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunClockTest {

    private final RunClock clock = new RunClock(List.of(Phase.steady("a", Duration.ofSeconds(1)),
            new Phase("burst", Duration.ofSeconds(2), 10, false)));

    @Test
    void everythingIsWarmUpUntilThePhasesStart() {
        assertThat(clock.phaseOf(5)).isEqualTo(-1);
        assertThat(clock.rateFactorAt(5)).isEqualTo(1);
    }

    @Test
    void stampsBelongToThePhaseTheyWereSentIn() {
        clock.startPhases(1_000);
        assertThat(clock.phaseOf(999)).isEqualTo(-1);
        assertThat(clock.phaseOf(1_000)).isZero();
        assertThat(clock.phaseOf(1_000_999)).isZero();
        assertThat(clock.phaseOf(1_001_000)).isEqualTo(1);
        assertThat(clock.rateFactorAt(1_001_000)).isEqualTo(10);
        assertThat(clock.phaseOf(3_001_000)).isEqualTo(-1);
        assertThat(clock.rateFactorAt(3_001_000)).as("sending stops after the last phase").isZero();
        assertThat(clock.endMicros()).isEqualTo(3_001_000);
    }
}
