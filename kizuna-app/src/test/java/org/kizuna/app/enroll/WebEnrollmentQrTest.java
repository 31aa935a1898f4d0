package org.kizuna.app.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.AuditLines;
import org.kizuna.server.http.auth.PasswordHash;
import org.kizuna.server.http.enroll.EnrollmentTokens;
import org.kizuna.server.testing.WebClient;
import org.kizuna.store.account.AccountRow;
import org.kizuna.store.audit.AuditLog;
import org.slf4j.LoggerFactory;

/**
 * The web COP's enrollment QR over real HTTPS: a signed-in admin gets a QuickConnect URI whose
 * token signs a certificate once on the enrollment port; operators may not ask; unknown accounts
 * are 404; the token is kept only as its hash and never logged; the issue is audited.
 */
class WebEnrollmentQrTest {

    private static final String ADMIN_PASSWORD = "pw-root-long-enough";

    @TempDir
    Path dir;
    EnrollingNode node;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger kizunaLog = (Logger) LoggerFactory.getLogger("org.kizuna");

    @BeforeEach
    void start() throws Exception {
        node = new EnrollingNode(dir);
        var accounts = node.node.history().orElseThrow().store().accounts();
        PasswordHash hash = new PasswordHash(PasswordHash.Cost.DEFAULT);
        accounts.add(new AccountRow("root", hash.hash(ADMIN_PASSWORD.toCharArray()), "admin", Set.of("Blue"),
                Instant.now()));
        accounts.add(new AccountRow("olga", hash.hash(ADMIN_PASSWORD.toCharArray()), "operator", Set.of("Blue"),
                Instant.now()));
        logged.start();
        kizunaLog.addAppender(logged);
    }

    @AfterEach
    void stop() {
        kizunaLog.detachAppender(logged);
        node.close();
    }

    private WebClient login(String name) throws Exception {
        WebClient web = new WebClient(node.trustingCa(), "https://127.0.0.1:" + node.node.web().orElseThrow().port());
        assertThat(web.login(name, ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        return web;
    }

    @Test
    void anAdminsQrTokenSignsACertificateOnce() throws Exception {
        HttpResponse<String> res = login("root").post("/api/enrollment/qr", "{\"username\": \"alice\"}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = WebClient.json(res);
        String uri = body.get("uri").asText();
        assertThat(uri).startsWith("tak://com.atakmap.app/enroll?");
        Map<String, String> query = query(uri);
        assertThat(query).containsEntry("host", "localhost:" + node.port()).containsEntry("username", "alice");
        Instant expires = Instant.parse(body.get("expiresAt").asText());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        assertThat(body.get("svg").asText()).startsWith("<svg ").contains("<path ");

        String token = query.get("token");
        byte[] csr = EnrollingNode.csr(EnrollingNode.rsa(2048), "CN=alice").getBytes(StandardCharsets.US_ASCII);
        String sign = "/Marti/api/tls/signClient/v2?clientUid=ANDROID-QR&version=3";
        assertThat(node.post(sign, "alice", token, "application/json", csr).statusCode()).isEqualTo(200);
        assertThat(node.post(sign, "alice", token, "application/json", csr).statusCode()).as("once only")
                .isEqualTo(401);

        String stored = Files.readString(EnrollmentTokens.in(node.data, java.time.Clock.systemUTC()).file());
        assertThat(stored).contains("alice").doesNotContain(token);
        assertThat(logged.list).noneMatch(e -> e.getFormattedMessage().contains(token));
        assertThat(AuditLines.find(AuditLog.file(node.data), "enrollment-token-issued", "root", "alice"))
                .isNotNegative();
    }

    @Test
    void operatorsMayNotAndUnknownAccountsAreNotFound() throws Exception {
        assertThat(login("olga").post("/api/enrollment/qr", "{\"username\": \"alice\"}").statusCode()).isEqualTo(403);
        WebClient root = login("root");
        HttpResponse<String> unknown = root.post("/api/enrollment/qr", "{\"username\": \"nobody\"}");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(WebClient.json(unknown).get("parameter").asText()).isEqualTo("username");
        assertThat(root.post("/api/enrollment/qr", "{}").statusCode()).isEqualTo(400);
        assertThat(Files.exists(EnrollmentTokens.in(node.data, java.time.Clock.systemUTC()).file()))
                .as("no token was issued").isFalse();
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            m.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return m;
    }
}
