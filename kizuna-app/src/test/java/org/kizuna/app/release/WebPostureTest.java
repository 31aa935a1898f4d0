package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.store.audit.AuditLog;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.WebClient;

/**
 * Posture changes through the web API, over real HTTP on a labelled node: two different signed-in
 * admins, the approver naming what they approve, refusals as problems, every step audited under
 * the account's name, and the running node following.
 */
class WebPostureTest {

    @TempDir
    Path dir;

    private static WebClient login(RunningNode node, String name) throws Exception {
        WebClient web = new WebClient(SSLContext.getDefault(), "http://127.0.0.1:" + node.web().orElseThrow().port());
        assertThat(web.login(name, LabelledWebNode.PASSWORD).statusCode()).isEqualTo(200);
        return web;
    }

    @Test
    void twoAdminsChangeThePostureAndTheNodeFollows() throws Exception {
        try (RunningNode node = LabelledWebNode.start(dir)) {
            WebClient watch = login(node, "watch");
            WebClient alice = login(node, "alice");
            WebClient bob = login(node, "bob");

            Path saved = dir.resolve("policy").resolve("posture.json");
            java.nio.file.attribute.FileTime savedAt = Files.getLastModifiedTime(saved);
            JsonNode before = WebClient.json(watch.get("/api/posture"));
            assertThat(before.get("current").get("name").asText()).isEqualTo("PEACETIME");
            assertThat(before.get("pending").isNull()).isTrue();
            WebClient.json(alice.get("/api/posture"));
            assertThat(Files.getLastModifiedTime(saved)).as("reading the posture writes nothing").isEqualTo(savedAt);

            assertThat(watch.post("/api/posture/request", "{\"posture\": \"CONTINGENCY\"}").statusCode())
                    .as("an operator may not ask").isEqualTo(403);

            JsonNode requested = ok(alice.post("/api/posture/request", "{\"posture\": \"CONTINGENCY\", \"for\": \"6h\"}"));
            assertThat(requested.get("pending").get("name").asText()).isEqualTo("CONTINGENCY");
            assertThat(requested.get("pending").get("requestedBy").asText()).isEqualTo("alice");
            assertThat(requested.get("pending").get("lasts").asText()).isEqualTo("PT6H");

            HttpResponse<String> own = alice.post("/api/posture/approve", "{\"posture\": \"CONTINGENCY\"}");
            assertThat(own.statusCode()).as("the requester cannot approve").isEqualTo(409);
            HttpResponse<String> other = bob.post("/api/posture/approve", "{\"posture\": \"GRAY_ZONE\"}");
            assertThat(other.statusCode()).as("approving something other than what waits").isEqualTo(409);
            assertThat(WebClient.json(other).get("detail").asText()).contains("CONTINGENCY");

            JsonNode approved = ok(bob.post("/api/posture/approve", "{\"posture\": \"CONTINGENCY\"}"));
            JsonNode current = approved.get("current");
            assertThat(current.get("name").asText()).isEqualTo("CONTINGENCY");
            assertThat(current.get("version").asLong()).isEqualTo(2);
            assertThat(current.get("requestedBy").asText()).isEqualTo("alice");
            assertThat(current.get("approvedBy").asText()).isEqualTo("bob");
            assertThat(current.has("expiresAt")).isTrue();
            assertThat(approved.get("pending").isNull()).isTrue();

            Await.until(() -> posture(watch).equals("CONTINGENCY"), "the node follows the approved posture");

            // a request withdrawn by the other admin
            ok(alice.post("/api/posture/request", "{\"posture\": \"PEACETIME\"}"));
            assertThat(ok(bob.post("/api/posture/cancel", "{}")).get("pending").isNull()).isTrue();
            assertThat(bob.post("/api/posture/approve", "{\"posture\": \"PEACETIME\"}").statusCode())
                    .as("nothing waits any more").isEqualTo(409);

            List<String> audit = Files.readAllLines(AuditLog.file(dir));
            assertThat(audit).anyMatch(l -> l.contains("\tposture-requested\talice\tCONTINGENCY"))
                    .anyMatch(l -> l.contains("\tposture-approved\tbob\tCONTINGENCY"))
                    .anyMatch(l -> l.contains("\tposture-cancelled\tbob\tPEACETIME"));
        }
    }

    @Test
    void badStepsAreProblemsNamingTheParameter() throws Exception {
        try (RunningNode node = LabelledWebNode.start(dir)) {
            WebClient alice = login(node, "alice");
            assertBad(alice.post("/api/posture/request", "{\"posture\": \"contingency; rm\"}"), "posture");
            assertBad(alice.post("/api/posture/request", "{}"), "posture");
            assertBad(alice.post("/api/posture/request", "{\"posture\": \"HADR\", \"for\": \"forever\"}"), "for");
            assertBad(alice.post("/api/posture/request", "{\"posture\": \"HADR\", \"for\": \"0h\"}"), "for");
            assertBad(alice.post("/api/posture/approve", "{\"posture\": 7}"), "posture");
            assertThat(WebClient.json(alice.get("/api/posture")).get("pending").isNull()).as("nothing was asked").isTrue();
        }
    }

    private static void assertBad(HttpResponse<String> r, String parameter) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(WebClient.json(r).get("parameter").asText()).isEqualTo(parameter);
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return WebClient.json(r);
    }

    private static String posture(WebClient web) {
        try {
            return WebClient.json(web.get("/api/me")).get("posture").get("name").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
