package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.testing.MutableClock;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.WebClient;

/**
 * A browser session ends after {@code http.sessionMaxLifetime} however busy it is, and after
 * {@code http.sessionTimeout} unused; either way its live feed closes with it, and the cookie
 * expires when the server stops honouring it. The web API's clock is moved by hand.
 */
class SessionExpiryTest {

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.now());
    RunningWeb node;

    @BeforeEach
    void start() throws Exception {
        node = new RunningWeb(dir, Map.of(), new MemoryAccounts().with("alice", "pw-alice-long", "operator", "Blue"),
                HttpSettings.DEFAULTS, clock);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aBusySessionEndsAtTwelveHoursAndItsFeedClosesWithIt() throws Exception {
        WebClient b = new WebClient(node.pki().trustOnlyContext(), node.base());
        HttpResponse<String> login = b.login("alice", "pw-alice-long");
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=43200");
        try (WebClient.Live live = b.live(node.origin())) {
            for (int hour = 1; hour < 12; hour++) {
                clock.advance(Duration.ofHours(1));
                assertThat(b.get("/api/me").statusCode()).as("in use at hour %d", hour).isEqualTo(200);
            }
            assertThat(live.isClosed()).isFalse();

            clock.advance(Duration.ofHours(1));
            assertThat(live.awaitClosed(Duration.ofSeconds(2))).isEqualTo("close 1008 signed out");
            assertThat(b.get("/api/me").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void anUnusedSessionEndsAfterTheIdleTimeoutAndItsFeedClosesWithIt() throws Exception {
        WebClient b = new WebClient(node.pki().trustOnlyContext(), node.base());
        b.login("alice", "pw-alice-long");
        try (WebClient.Live live = b.live(node.origin())) {
            clock.advance(HttpSettings.DEFAULTS.sessionTimeout().minusMinutes(1));
            assertThat(live.isClosed()).isFalse();
            clock.advance(Duration.ofMinutes(1));
            assertThat(live.awaitClosed(Duration.ofSeconds(2))).isEqualTo("close 1008 signed out");
            assertThat(b.get("/api/me").statusCode()).isEqualTo(401);
        }
    }
}
