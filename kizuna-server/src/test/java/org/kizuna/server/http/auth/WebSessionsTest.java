package org.kizuna.server.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kizuna.server.http.Role;

class WebSessionsTest {

    final LoginThrottleTest.HandClock clock = new LoginThrottleTest.HandClock();
    final WebSessions sessions = new WebSessions(Duration.ofHours(1), clock);

    @Test
    void aSessionLivesWhileUsedAndEndsAfterTheIdleTimeout() {
        WebSessions.Login login = sessions.open("alice", Role.OPERATOR, Set.of("Blue"));
        assertThat(login.token()).isNotEqualTo(login.csrf()).hasSize(43);

        clock.now = clock.now.plus(Duration.ofMinutes(59));
        assertThat(sessions.find(login.token())).isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(59));
        assertThat(sessions.find(login.token())).as("used a minute ago").isPresent();
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThat(sessions.find(login.token())).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void closingEndsASession() {
        WebSessions.Login login = sessions.open("alice", Role.VIEWER, Set.of());
        sessions.close(login.token());
        assertThat(sessions.find(login.token())).isEmpty();
        assertThat(sessions.find("never-issued")).isEmpty();
    }
}
