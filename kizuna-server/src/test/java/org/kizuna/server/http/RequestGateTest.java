package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RawHttp;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.WebClient;
import org.slf4j.LoggerFactory;

/**
 * What every request passes before routing, over real HTTPS from loopback: the node answers only
 * to its own names (a DNS-rebinding page, whose Origin matches the Host it sends, used to drive
 * login, chat and /metrics), Origins must be pages of those names, malformed targets are a 400
 * without a stack trace, and every answer under TLS carries HSTS.
 */
class RequestGateTest {

    static final String LOGIN = "{\"name\":\"alice\",\"password\":\"pw-alice-long\"}";

    @TempDir
    Path dir;

    RunningWeb node;
    WebClient alice;
    RawHttp http;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger kizunaLog = (Logger) LoggerFactory.getLogger("org.kizuna");

    @BeforeEach
    void start() throws Exception {
        node = new RunningWeb(dir, Map.of(), new MemoryAccounts().with("alice", "pw-alice-long", "operator", "Blue"));
        alice = new WebClient(node.pki().trustOnlyContext(), node.base());
        assertThat(alice.login("alice", "pw-alice-long").statusCode()).isEqualTo(200);
        http = node.raw();
        logged.start();
        kizunaLog.addAppender(logged);
    }

    @AfterEach
    void stop() {
        kizunaLog.detachAppender(logged);
        node.close();
    }

    String port() {
        return String.valueOf(node.webPort());
    }

    /** The requests a page at {@code https://HOST:port} makes with alice's session. */
    Map<String, RawHttp.Answer> asPageOf(String host) throws Exception {
        String hostPort = host + ":" + port();
        String origin = "https://" + hostPort;
        Map<String, RawHttp.Answer> answers = new LinkedHashMap<>();
        answers.put("login", http.exchange(RawHttp.request("POST", "/api/login", hostPort,
                Map.of("Origin", origin, "Content-Type", "application/json"), LOGIN)));
        answers.put("chat", http.exchange(RawHttp.request("POST", "/api/chat", hostPort, Map.of("Origin", origin,
                "Content-Type", "application/json", "Cookie", alice.cookie(), Dispatcher.CSRF_HEADER, alice.csrf()),
                "{\"text\":\"rebound\"}")));
        answers.put("metrics", http.exchange(RawHttp.request("GET", "/metrics", hostPort, Map.of(), "")));
        answers.put("health", http.exchange(RawHttp.request("GET", "/health", hostPort, Map.of(), "")));
        answers.put("live", http.exchange(RawHttp.request("GET", "/api/live", hostPort, Map.of("Origin", origin,
                "Cookie", alice.cookie(), "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"), "")));
        return answers;
    }

    @Test
    void aRebindingPageIsRefusedForLoginChatMetricsHealthAndTheLiveFeed() throws Exception {
        Map<String, RawHttp.Answer> rebound = asPageOf("evil.example");

        rebound.forEach((what, answer) -> assertThat(answer.status()).as(what).isEqualTo(421));
        assertThat(rebound.get("login").header("Set-Cookie")).isEmpty();
        assertThat(node.count("kizuna.http.refused", "misdirected-host")).isEqualTo(5);
        assertThat(node.server().sessions().size()).as("no live feed opened").isZero();
    }

    @Test
    void theSameRequestsFromAPageOfTheNodeItselfAreServed() throws Exception {
        Map<String, RawHttp.Answer> own = asPageOf("127.0.0.1");

        assertThat(own.get("login").status()).isEqualTo(200);
        assertThat(own.get("chat").status()).isEqualTo(202);
        assertThat(own.get("metrics").status()).isEqualTo(200);
        assertThat(own.get("health").status()).isEqualTo(200);
        assertThat(own.get("live").status()).isEqualTo(101);
    }

    @Test
    void theNodeAnswersToItsCertificatesNamesAndLoopbackWithAnyPortAndNothingElse() throws Exception {
        for (String host : List.of("localhost", "LOCALHOST.", "127.0.0.1", "[::1]", "[0:0:0:0:0:0:0:1]")) {
            assertThat(health(host + ":" + port())).as(host).isEqualTo(200);
            assertThat(health(host)).as(host + " without a port").isEqualTo(200);
        }
        for (String host : List.of("evil.example", "127.0.0.2", "localhost.evil.example", "localhost:x", "", " ")) {
            assertThat(health(host)).as("'" + host + "'").isEqualTo(421);
        }
        RawHttp.Answer noHost = http.exchange("GET /health HTTP/1.0\r\n\r\n");
        assertThat(noHost.status()).isEqualTo(421);
    }

    @Test
    void writesMustComeFromAPageOfOneOfTheNamesOnThePortTheBrowserUsed() throws Exception {
        assertThat(chat("127.0.0.1:" + port(), "https://localhost:" + port())).as("another of the names").isEqualTo(202);
        assertThat(chat("127.0.0.1:" + port(), "https://127.0.0.1:1" + port())).as("another port").isEqualTo(403);
        assertThat(chat("127.0.0.1:" + port(), "http://127.0.0.1:" + port())).as("plain http").isEqualTo(403);
        assertThat(chat("127.0.0.1:" + port(), "https://evil.example:" + port())).isEqualTo(403);
        assertThat(chat("127.0.0.1:" + port(), "null")).isEqualTo(403);
        assertThat(chat("127.0.0.1:" + port(), "https://user@127.0.0.1:" + port())).isEqualTo(403);
        assertThat(node.count("kizuna.http.refused", "cross-origin")).isEqualTo(5);
    }

    @Test
    void configuredHostsReplaceTheDefaults(@TempDir Path other) throws Exception {
        try (RunningWeb named = new RunningWeb(other, Map.of(), new MemoryAccounts(), null, HistorySink.NONE,
                HttpSettings.DEFAULTS.withHosts(List.of("cop.example.org", "*.hq.example.org")))) {
            RawHttp raw = named.raw();
            assertThat(raw.exchange(RawHttp.request("GET", "/health", "cop.example.org", Map.of(), "")).status())
                    .isEqualTo(200);
            assertThat(raw.exchange(RawHttp.request("GET", "/health", "web.hq.example.org:8443", Map.of(), "")).status())
                    .isEqualTo(200);
            assertThat(raw.exchange(RawHttp.request("GET", "/health", "a.b.hq.example.org", Map.of(), "")).status())
                    .isEqualTo(421);
            assertThat(raw.exchange(RawHttp.request("GET", "/health", "127.0.0.1", Map.of(), "")).status())
                    .isEqualTo(421);
        }
    }

    @Test
    void aMalformedRequestTargetIsA400WithOneLogLineAndNoStackTrace() throws Exception {
        List<String> targets = List.of("/api/tracks/%ZZ", "/api/tracks/%", "/api/events?uid=%ZZ", "/%ZZ.js",
                "http://127.0.0.1/health", "*");
        for (String target : targets) {
            RawHttp.Answer a = http.exchange(RawHttp.request("GET", target, "127.0.0.1:" + port(), Map.of(), ""));
            assertThat(a.status()).as(target).isEqualTo(400);
            assertThat(a.header("Content-Type")).contains(Response.PROBLEM_TYPE);
            assertThat(a.body()).contains("Malformed request target");
        }
        assertThat(node.count("kizuna.http.refused", "malformed-request")).isEqualTo(targets.size());
        assertThat(node.count("kizuna.http.refused", "internal-error")).isZero();
        assertThat(logged.list).noneMatch(e -> e.getThrowableProxy() != null || e.getLevel().isGreaterOrEqual(Level.WARN));
        assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().contains("malformed-request"))
                .hasSize(targets.size());
    }

    @Test
    void everyAnswerUnderTlsCarriesHsts() throws Exception {
        String host = "127.0.0.1:" + port();
        List<RawHttp.Answer> answers = List.of(
                http.exchange(RawHttp.request("GET", "/health", host, Map.of(), "")),
                http.exchange(RawHttp.request("GET", "/index.html", host, Map.of(), "")),
                http.exchange(RawHttp.request("GET", "/api/me", host, Map.of(), "")),
                http.exchange(RawHttp.request("GET", "/api/nothing", host, Map.of(), "")),
                http.exchange(RawHttp.request("GET", "/health", "evil.example", Map.of(), "")),
                http.exchange(RawHttp.request("GET", "/api/tracks/%ZZ", host, Map.of(), "")),
                http.exchange(RawHttp.request("GET", "/api/live", host, Map.of("Origin", "https://" + host,
                        "Cookie", alice.cookie(), "Upgrade", "websocket", "Connection", "Upgrade",
                        "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"), "")));
        assertThat(answers).extracting(RawHttp.Answer::status).containsExactly(200, 200, 401, 404, 421, 400, 101);
        assertThat(answers).allSatisfy(a ->
                assertThat(a.header("Strict-Transport-Security")).as("status " + a.status()).contains("max-age=31536000"));
    }

    @Test
    void plainHttpOnLoopbackSendsNoHsts(@TempDir Path other) throws Exception {
        try (RunningWeb plain = new RunningWeb(other, Map.of(), new MemoryAccounts(), null, HistorySink.NONE,
                HttpSettings.DEFAULTS.withListener(new org.kizuna.server.ServerConfig.Listener(true, "127.0.0.1", 0), false))) {
            RawHttp.Answer a = plain.raw().exchange(RawHttp.request("GET", "/health", "localhost", Map.of(), ""));
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.header("Strict-Transport-Security")).isEmpty();
        }
    }

    private int health(String host) throws Exception {
        return http.exchange(RawHttp.request("GET", "/health", host, Map.of(), "")).status();
    }

    private int chat(String host, String origin) throws Exception {
        return http.exchange(RawHttp.request("POST", "/api/chat", host, Map.of("Origin", origin,
                "Content-Type", "application/json", "Cookie", alice.cookie(), Dispatcher.CSRF_HEADER, alice.csrf()),
                "{\"text\":\"hello\"}")).status();
    }
}
