package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.WebClient;

/** Browser login over real HTTPS: cookies, CSRF, login delays, and refusals that leak nothing. */
class LoginTest {

    @TempDir
    Path dir;

    RunningWeb node;

    @BeforeEach
    void start() throws Exception {
        node = new RunningWeb(dir, Map.of(), new MemoryAccounts()
                .with("alice", "correct horse", "operator", "Blue")
                .with("victor", "viewer pass", "viewer", "Blue"));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    WebClient browser() {
        return new WebClient(node.pki().trustOnlyContext(), node.base());
    }

    @Test
    void loginSetsAStrictHttpOnlySecureCookieAndMeAnswersWithTheUser() throws Exception {
        WebClient b = browser();
        HttpResponse<String> login = b.login("alice", "correct horse");

        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("kizuna_session=").contains("HTTPOnly").contains("Secure")
                .contains("SameSite=Strict").contains("Path=/");
        JsonNode me = WebClient.json(b.get("/api/me"));
        assertThat(me.get("name").asText()).isEqualTo("alice");
        assertThat(me.get("role").asText()).isEqualTo("operator");
        assertThat(me.get("groups").toString()).isEqualTo("[\"Blue\"]");
        assertThat(me.get("uid").asText()).isEqualTo("kizuna-web.test-node.alice");
        assertThat(me.get("csrfToken").asText()).isEqualTo(b.csrf()).hasSizeGreaterThan(40);
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameAnswer() throws Exception {
        HttpResponse<String> wrong = browser().login("alice", "wrong");
        HttpResponse<String> unknown = browser().login("mallory", "wrong");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body()).contains("invalid name or password");
        assertThat(wrong.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(node.count("kizuna.http.refused", "login-failed")).isEqualTo(2);
    }

    @Test
    void withoutASessionTheApiAnswers401WithAProblemBody() throws Exception {
        HttpResponse<String> r = browser().get("/api/me");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(WebClient.json(r).get("status").asInt()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("alice");

        HttpResponse<String> forged = browser().withCookie("kizuna_session=forged-token-value").get("/api/contacts");
        assertThat(forged.statusCode()).isEqualTo(401);
        HttpResponse<String> garbage = browser().withCookie("kizuna_session=\"\u00ff;;=").get("/api/me");
        assertThat(garbage.statusCode()).isEqualTo(401);
    }

    @Test
    void oneAddressGuessingManyNamesIsSlowedDownWith429AndRetryAfter() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(browser().login("user" + i, "guess").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> right = browser().login("alice", "correct horse");
        assertThat(right.statusCode()).as("refused even with the right password").isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).contains("1");
        assertThat(right.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(node.count("kizuna.http.refused", "login-throttled")).isEqualTo(1);
    }

    @Test
    void writesNeedTheCsrfTokenAndTheServersOwnOrigin() throws Exception {
        WebClient b = browser();
        b.login("alice", "correct horse");
        String chat = "{\"text\":\"hello\"}";

        HttpResponse<String> noToken = b.post("/api/chat", chat, Map.of("X-CSRF-Token", "", "Origin", node.origin()));
        HttpResponse<String> otherSite = b.post("/api/chat", chat, Map.of("Origin", "https://evil.example"));
        HttpResponse<String> ok = b.post("/api/chat", chat);

        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(otherSite.statusCode()).isEqualTo(403);
        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(node.count("kizuna.http.refused", "csrf")).isEqualTo(1);
        assertThat(node.count("kizuna.http.refused", "cross-origin")).isEqualTo(1);
    }

    @Test
    void aLoginFromAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> r = browser().post("/api/login", "{\"name\":\"alice\",\"password\":\"correct horse\"}",
                Map.of("Origin", "https://evil.example"));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void aViewerMayReadButNotChat() throws Exception {
        WebClient b = browser();
        b.login("victor", "viewer pass");
        assertThat(b.get("/api/contacts").statusCode()).isEqualTo(200);
        HttpResponse<String> chat = b.post("/api/chat", "{\"text\":\"hi\"}");
        assertThat(chat.statusCode()).isEqualTo(403);
        assertThat(chat.body()).doesNotContain("operator").doesNotContain("viewer");
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() throws Exception {
        WebClient b = browser();
        b.login("alice", "correct horse");
        HttpResponse<String> out = b.post("/api/logout", "");

        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(b.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void malformedLoginBodiesAreRefusedNamingTheProblem() throws Exception {
        HttpResponse<String> notJson = browser().post("/api/login", "{name:");
        HttpResponse<String> noPassword = browser().post("/api/login", "{\"name\":\"alice\"}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(WebClient.json(notJson).get("detail").asText()).isEqualTo("malformed JSON");
        assertThat(noPassword.statusCode()).isEqualTo(400);
        assertThat(WebClient.json(noPassword).get("parameter").asText()).isEqualTo("password");
    }
}
