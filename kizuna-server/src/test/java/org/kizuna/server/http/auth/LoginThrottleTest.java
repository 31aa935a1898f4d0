package org.kizuna.server.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-26T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final HandClock clock = new HandClock();
    final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(10), clock);

    @Test
    void theLimitBlocksUntilTheOldestFailureLeavesTheWindow() {
        throttle.failed("alice");
        clock.now = clock.now.plusSeconds(60);
        throttle.failed("alice");
        throttle.failed("alice");
        assertThat(throttle.retryAfter("alice")).contains(Duration.ofMinutes(9));
        assertThat(throttle.retryAfter("bob")).isEmpty();

        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertThat(throttle.retryAfter("alice")).isEmpty();
    }

    @Test
    void successForgetsTheFailures() {
        throttle.failed("alice");
        throttle.failed("alice");
        throttle.succeeded("alice");
        throttle.failed("alice");
        throttle.failed("alice");
        assertThat(throttle.retryAfter("alice")).isEmpty();
    }
}
