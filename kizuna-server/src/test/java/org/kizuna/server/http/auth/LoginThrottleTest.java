package org.kizuna.server.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kizuna.core.testing.MutableClock;
import org.kizuna.server.http.HttpSettings.LoginDelays;

/**
 * Failed logins delay further attempts (1 s, 2 s, 4 s ... capped) per account and address, per
 * address and, capped small, per account; no count lets one attacker lock the real user out.
 */
class LoginThrottleTest {

    static final String A = "198.51.100.7";
    static final String B = "203.0.113.9";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(LoginDelays.DEFAULTS, clock);

    /** Tries and fails once, waiting first when told to; returns the wait it was told, in seconds (0: none). */
    long failAfterWaiting(String name, String address) {
        Optional<LoginThrottle.Wait> wait = throttle.attempt(name, address);
        long waited = 0;
        if (wait.isPresent()) {
            waited = wait.get().seconds();
            clock.advance(wait.get().duration());
            assertThat(throttle.attempt(name, address)).as("after waiting as told").isEmpty();
        }
        throttle.failed(name, address);
        return waited;
    }

    @Test
    void afterThreeFailuresEachAttemptWaitsTwiceAsLongUpToAMinute() {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            waits.add(failAfterWaiting("alice", A));
        }
        assertThat(waits).containsExactly(0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        Optional<LoginThrottle.Wait> next = throttle.attempt("alice", A);
        assertThat(next).isPresent();
        assertThat(next.get().seconds()).isEqualTo(60);
        assertThat(next.get().scope()).isEqualTo("this name from this address");
    }

    @Test
    void anAttackersFailuresFromOneAddressDoNotDelayTheRealUserElsewhere() {
        for (int i = 0; i < 20; i++) {
            failAfterWaiting("alice", A);
        }
        assertThat(throttle.attempt("alice", A)).isPresent();
        assertThat(throttle.attempt("alice", B)).as("the real user at another address").isEmpty();
        throttle.succeeded("alice", B);
        assertThat(throttle.attempt("alice", A)).as("the attacker still waits").isPresent();
    }

    @Test
    void aTooEarlyAttemptIsRefusedUntilTheWaitIsOverAndParallelAttemptsDoNotSlipThrough() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("alice", A);
        }
        Optional<LoginThrottle.Wait> wait = throttle.attempt("alice", A);
        assertThat(wait).isPresent();
        assertThat(wait.get().duration()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(400));
        assertThat(throttle.attempt("alice", A).orElseThrow().seconds()).as("rounded up").isEqualTo(1);

        clock.advance(Duration.ofMillis(600));
        assertThat(throttle.attempt("alice", A)).isEmpty();
        assertThat(throttle.attempt("alice", A)).as("a second attempt while the first is checked").isPresent();
    }

    @Test
    void oneAddressTryingManyNamesIsDelayedAsAnAddress() {
        for (int i = 0; i < 10; i++) {
            failAfterWaiting("user" + i, A);
        }
        Optional<LoginThrottle.Wait> next = throttle.attempt("alice", A);
        assertThat(next).isPresent();
        assertThat(next.get().scope()).isEqualTo("this address");
        assertThat(throttle.attempt("alice", B)).isEmpty();
    }

    @Test
    void manyAddressesAgainstOneAccountGetOnlyTheSmallAccountDelayAndNotWhereItSignedInBefore() {
        throttle.attempt("alice", B);
        throttle.succeeded("alice", B); // the real user's own workstation
        for (int host = 1; host <= 20; host++) {
            for (int i = 0; i < 5; i++) {
                failAfterWaiting("alice", "192.0.2." + host);
            }
        }
        Optional<LoginThrottle.Wait> elsewhere = throttle.attempt("alice", "192.0.2.200");
        assertThat(elsewhere).isPresent();
        assertThat(elsewhere.get().scope()).isEqualTo("this name");
        assertThat(elsewhere.get().duration()).isLessThanOrEqualTo(LoginDelays.DEFAULTS.maxAccountDelay());
        assertThat(throttle.attempt("alice", B)).as("where alice signed in before").isEmpty();
    }

    @Test
    void failuresAreForgottenAfterAQuarterOfAnHourWithoutAny() {
        for (int i = 0; i < 8; i++) {
            failAfterWaiting("alice", A);
        }
        clock.advance(Duration.ofMinutes(15));
        for (int i = 0; i < 3; i++) {
            assertThat(failAfterWaiting("alice", A)).isZero();
        }
        assertThat(throttle.attempt("alice", A).orElseThrow().seconds()).isEqualTo(1);
    }

    @Test
    void namesIgnoreCaseAndAnIpv6HostIsItsSlash64() {
        for (int i = 0; i < 3; i++) {
            throttle.failed(i % 2 == 0 ? "Alice" : "alice", "2001:db8:1:2::" + (i + 1));
        }
        assertThat(throttle.attempt("ALICE", "2001:db8:1:2:ffff::9")).isPresent();
        assertThat(throttle.attempt("alice", "2001:db8:1:3::1")).isEmpty();
        assertThat(LoginThrottle.address("2001:db8:1:2::1")).isEqualTo("20010db800010002::/64");
        assertThat(LoginThrottle.address(A)).isEqualTo(A);
    }

    @Test
    void aSuccessStartsThatNameFromThatAddressAfresh() {
        throttle.failed("alice", A);
        throttle.failed("alice", A);
        throttle.succeeded("alice", A);
        throttle.failed("alice", A);
        throttle.failed("alice", A);
        assertThat(throttle.attempt("alice", A)).isEmpty();
    }
}
