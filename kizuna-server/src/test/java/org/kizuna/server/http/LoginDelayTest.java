package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.testing.MutableClock;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RawHttp;
import org.kizuna.server.testing.RunningWeb;

/**
 * Over real sockets from two loopback addresses (Linux routes 127/8 to lo): an attacker's wrong
 * passwords from 127.0.0.1 earn it ever longer waits, and never keep the real user at 127.0.0.2
 * out. (Five failures used to lock the account for everybody for 15 minutes.) The web API's clock
 * is moved by hand, so the waits cost no time.
 */
class LoginDelayTest {

    static final String RIGHT = "{\"name\":\"alice\",\"password\":\"correct horse\"}";
    static final String WRONG = "{\"name\":\"alice\",\"password\":\"guess\"}";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.now());
    RunningWeb node;
    RawHttp http;

    @BeforeEach
    void start() throws Exception {
        node = new RunningWeb(dir, Map.of(), new MemoryAccounts().with("alice", "correct horse", "operator", "Blue"),
                HttpSettings.DEFAULTS, clock);
        http = node.raw();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    RawHttp.Answer login(String from, String body) throws Exception {
        return http.exchange(InetAddress.getByName(from), RawHttp.request("POST", "/api/login",
                "127.0.0.1:" + node.webPort(), Map.of("Content-Type", "application/json"), body));
    }

    @Test
    void twentyWrongPasswordsFromOneAddressDoNotKeepTheRealUserOutAndTheAttackerWaitsEverLonger() throws Exception {
        List<Integer> retryAfter = new ArrayList<>();
        int wrong = 0;
        while (wrong < 20) {
            RawHttp.Answer a = login("127.0.0.1", WRONG);
            if (a.status() == 429) {
                int seconds = Integer.parseInt(a.header("Retry-After").orElseThrow());
                retryAfter.add(seconds);
                assertThat(login("127.0.0.1", RIGHT).status()).as("the right password is refused too while waiting")
                        .isEqualTo(429);
                clock.advance(Duration.ofSeconds(seconds));
            } else {
                assertThat(a.status()).isEqualTo(401);
                wrong++;
            }
        }
        assertThat(retryAfter).containsExactly(1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60);

        RawHttp.Answer real = login("127.0.0.2", RIGHT);
        assertThat(real.status()).as(real.body()).isEqualTo(200);
        assertThat(real.header("Set-Cookie")).isPresent();
        assertThat(login("127.0.0.1", RIGHT).status()).as("the attacker still waits").isEqualTo(429);
        assertThat(node.count("kizuna.http.refused", "login-throttled")).isEqualTo(2 * 17 + 1);
    }
}
