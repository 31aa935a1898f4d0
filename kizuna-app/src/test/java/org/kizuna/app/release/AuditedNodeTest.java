package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.testing.Events;
import org.kizuna.policy.posture.Posture;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.TestClient;
import org.kizuna.server.testing.WebClient;
import org.kizuna.store.audit.AuditLog;

/**
 * A running labelled node keeps its audit trail or stops: a failed writer stops every release
 * and {@code /health} says so; a posture file changed by hand does not switch it; a web posture
 * step whose record cannot be written is refused and not saved.
 */
class AuditedNodeTest {

    @TempDir
    Path dir;

    private static WebClient login(RunningNode node, String name) throws Exception {
        WebClient web = new WebClient(SSLContext.getDefault(), "http://127.0.0.1:" + node.web().orElseThrow().port());
        assertThat(web.login(name, LabelledWebNode.PASSWORD).statusCode()).isEqualTo(200);
        return web;
    }

    private static List<String> contacts(WebClient web) throws Exception {
        HttpResponse<String> r = web.get("/api/contacts");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> uids = new ArrayList<>();
        WebClient.json(r).get("items").forEach(i -> uids.add(i.get("uid").asText()));
        return uids;
    }

    private List<String> audit(String kind) throws Exception {
        return Files.readAllLines(AuditLog.file(dir)).stream().filter(l -> l.contains("\t" + kind + "\t")).toList();
    }

    private List<String> auditQuietly(String kind) {
        try {
            return audit(kind);
        } catch (Exception e) {
            return List.of();
        }
    }

    /** Before: the writer thread died on the error and the node kept releasing, unaudited. */
    @Test
    void aFailedAuditTrailStopsEveryReleaseAndHealthIsDown() throws Exception {
        try (RunningNode node = LabelledWebNode.start(dir); TestClient sender = LabelledWebNode.sender(dir, node)) {
            WebClient watch = login(node, "watch");
            WebClient lno = login(node, "lno");
            assertThat(WebClient.json(watch.get("/health")).get("checks").get("audit").get("status").asText()).isEqualTo("UP");
            sender.send(Events.pli("ANDROID-S", "SENDER"));
            Await.until(() -> node.server().picture().get("ANDROID-S") != null, "the PLI is in the picture");
            assertThat(contacts(watch)).contains("ANDROID-S");
            Await.until(() -> auditQuietly("first-release").size() == 1, "the release is recorded");

            // the end of the log edited: the next record cannot be written
            Files.writeString(AuditLog.file(dir), "an edited end\n", StandardOpenOption.APPEND);
            contacts(lno); // a new decision (another clearance) goes to the writer
            Await.until(() -> node.release().auditFailure().isPresent(), "the audit trail fails");

            assertThat(contacts(watch)).as("a decision made before is not released either").doesNotContain("ANDROID-S");
            assertThat(contacts(lno)).doesNotContain("ANDROID-S");
            HttpResponse<String> health = watch.get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(WebClient.json(health).get("checks").get("audit").get("status").asText()).isEqualTo("DOWN");
            assertThat(watch.get("/metrics").body()).contains("kizuna_audit_failed 1.0");
        }
    }

    /** Before: the node switched to the hand-edited posture within a second, with no audit record. */
    @Test
    void aHandEditedPostureFileDoesNotSwitchTheRunningNode() throws Exception {
        try (RunningNode node = LabelledWebNode.start(dir)) {
            Path file = dir.resolve("policy").resolve("posture.json");
            String sealed = Files.readString(file);
            Files.writeString(file, sealed.replace("\"PEACETIME\"", "\"CONTINGENCY\"").replace("\"version\" : 1",
                    "\"version\" : 2"));

            Await.until(() -> auditQuietly("posture-file-rejected").size() == 1, "the refusal is audited");
            Thread.sleep(1500); // more than one refresh: the node must not switch later either
            assertThat(node.release().posture().orElseThrow().posture()).isEqualTo(Posture.PEACETIME);
            assertThat(node.release().posture().orElseThrow().version()).isEqualTo(1);
            assertThat(audit("posture-file-rejected")).as("once per content").hasSize(1);
            assertThat(node.release().auditFailure()).isEmpty();

            WebClient alice = login(node, "alice");
            HttpResponse<String> refused = alice.post("/api/posture/request", "{\"posture\": \"HADR\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(WebClient.json(refused).get("detail").asText()).contains("MAC does not match");
        }
    }

    /** Before: the posture was saved, then the audit append failed. */
    @Test
    void aWebPostureStepThatCannotBeAuditedIsNotSaved() throws Exception {
        try (RunningNode node = LabelledWebNode.start(dir)) {
            WebClient alice = login(node, "alice");
            Path file = dir.resolve("policy").resolve("posture.json");
            byte[] before = Files.readAllBytes(file);
            Files.createDirectories(AuditLog.file(dir).getParent());
            Files.writeString(AuditLog.file(dir), "an edited end\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);

            HttpResponse<String> r = alice.post("/api/posture/request", "{\"posture\": \"CONTINGENCY\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            JsonNode posture = WebClient.json(alice.get("/api/posture"));
            assertThat(posture.get("pending").isNull()).isTrue();
            assertThat(node.release().auditFailure()).isPresent();
        }
    }

    /** A node whose audit log ends in a record its key did not write would fail at its first record: it does not start. */
    @Test
    void aNodeDoesNotStartOnALogItCannotContinue() throws Exception {
        LabelledWebNode.start(dir).close();
        Files.writeString(AuditLog.file(dir), "an edited end\n", StandardOpenOption.APPEND);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunningNode.start(
                        org.kizuna.app.config.NodeConfigLoader.load(dir.resolve("kizuna.yaml"), dir)))
                .isInstanceOf(org.kizuna.app.config.ConfigException.class).hasMessageContaining("audit log")
                .hasMessageContaining("unreadable");
    }
}
