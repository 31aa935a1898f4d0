package org.kizuna.server.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.kizuna.core.testing.MutableClock;
import org.kizuna.server.http.Role;

class WebSessionsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
    final WebSessions sessions = new WebSessions(Duration.ofHours(1), Duration.ofHours(12), clock);
    final List<WebSessions.Ended> ended = new CopyOnWriteArrayList<>();

    {
        sessions.onEnded(ended::addAll);
    }

    @Test
    void aSessionLivesWhileUsedAndEndsAfterTheIdleTimeout() {
        WebSessions.Login login = sessions.open("alice", Role.OPERATOR, Set.of("Blue"));
        assertThat(login.token()).isNotEqualTo(login.csrf()).hasSize(43);

        clock.advance(Duration.ofMinutes(59));
        assertThat(sessions.find(login.token())).isPresent();
        clock.advance(Duration.ofMinutes(59));
        assertThat(sessions.find(login.token())).as("used a minute ago").isPresent();
        clock.advance(Duration.ofHours(1));
        assertThat(sessions.find(login.token())).isEmpty();
        assertThat(sessions.size()).isZero();
        assertThat(ended).containsExactly(new WebSessions.Ended(login, WebSessions.EndReason.IDLE));
    }

    @Test
    void aSessionInUseAllTheTimeStillEndsAtItsMaximumLifetime() {
        WebSessions.Login login = sessions.open("alice", Role.OPERATOR, Set.of("Blue"));
        assertThat(login.expires()).isEqualTo(clock.instant().plus(Duration.ofHours(12)));
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofMinutes(30));
            assertThat(sessions.find(login.token())).as("after %d half hours", i + 1).isPresent();
        }
        clock.advance(Duration.ofMinutes(30)); // 12 h since login
        assertThat(sessions.find(login.token())).isEmpty();
        assertThat(ended).containsExactly(new WebSessions.Ended(login, WebSessions.EndReason.LIFETIME));
    }

    @Test
    void theExpirySweepEndsLoginsNobodyUsesAgainAndTellsTheListener() {
        WebSessions.Login idle = sessions.open("alice", Role.OPERATOR, Set.of("Blue"));
        clock.advance(Duration.ofMinutes(30));
        WebSessions.Login fresh = sessions.open("bob", Role.VIEWER, Set.of("Blue"));
        assertThat(sessions.expire()).isEmpty();

        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.expire()).containsExactly(new WebSessions.Ended(idle, WebSessions.EndReason.IDLE));
        assertThat(ended).extracting(WebSessions.Ended::login).containsExactly(idle);
        assertThat(sessions.find(fresh.token())).isPresent();
    }

    @Test
    void closingEndsASessionAndTellsTheListenerOnce() {
        WebSessions.Login login = sessions.open("alice", Role.VIEWER, Set.of());
        sessions.close(login.token());
        sessions.close(login.token());
        assertThat(sessions.find(login.token())).isEmpty();
        assertThat(sessions.find("never-issued")).isEmpty();
        assertThat(ended).containsExactly(new WebSessions.Ended(login, WebSessions.EndReason.LOGOUT));
    }
}
