package org.kizuna.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.NodePki;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.TestClient;

/**
 * node-tak's REST API classes ({@code TAKAPI} with {@code APIAuthCertificate}: {@code Group.list},
 * {@code Group.update}, {@code Contacts.list}) against a real node over HTTPS with certificates
 * made by {@code kizuna pki}: the channels they read and choose are the ones routing follows.
 * {@code alpha} and {@code charlie} are in Blue and Red, {@code bravo} in Red only.
 */
class ChannelsInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static RunningNode node;
    static NodePki pki;

    @BeforeAll
    static void startNode() throws Exception {
        InteropClient.requireInstalled();
        pki = NodePki.in(data);
        pki.init("channels-node", List.of("localhost", "127.0.0.1"));
        for (String name : List.of("alpha", "bravo", "charlie")) {
            pki.issueClient(name, null, "127.0.0.1", 8089);
        }
        Path yaml = Files.writeString(data.resolve("kizuna.yaml"), """
                node: {id: channels-node}
                streaming:
                  tls: {bind: 127.0.0.1, port: 0}
                http: {bind: 127.0.0.1, port: 0, tls: true}
                groups: {default: [__ANON__]}
                clients:
                  alpha: {groups: [Blue, Red]}
                  charlie: {groups: [Blue, Red]}
                  bravo: {groups: [Red]}
                """);
        node = RunningNode.start(NodeConfigLoader.load(yaml, data));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void nodeTakReadsAndChoosesChannelsAndRoutingFollows() throws Exception {
        try (TestClient alpha = stream("alpha"); TestClient bravo = stream("bravo"); TestClient charlie = stream("charlie")) {
            bravo.send(Events.pli("BRAVO-UID", "BRAVO"));
            Await.until(() -> node.server().picture().get("BRAVO-UID") != null, "bravo's report in the picture");

            List<String> out = api("alpha", "groups", "activate:ALPHA-UID:Blue", "groups", "activate:ALPHA-UID:Blue,Green",
                    "contacts");
            JsonNode before = result(out, 0, "groups");
            assertThat(before.get("type").asText()).isEqualTo("com.bbn.marti.remote.groups.Group");
            assertThat(entries(before)).containsExactly("Blue IN true", "Blue OUT true", "Red IN true", "Red OUT true");
            result(out, 1, "activate:ALPHA-UID:Blue");
            assertThat(entries(result(out, 2, "groups")))
                    .containsExactly("Blue IN true", "Blue OUT true", "Red IN false", "Red OUT false");
            assertThat(out.get(3)).as(String.join("\n", out)).startsWith("FAILED activate:ALPHA-UID:Blue,Green 403");
            JsonNode contacts = result(out, 4, "contacts");
            assertThat(contacts.isArray()).isTrue();
            assertThat(contacts.get(0).get("uid").asText()).isEqualTo("BRAVO-UID");
            assertThat(contacts.get(0).get("callsign").asText()).isEqualTo("BRAVO");
            assertThat(node.server().metrics().count("kizuna.http.refused", "foreign-group")).isEqualTo(1);

            // Routing follows the choice node-tak made: Red traffic no longer reaches alpha.
            alpha.await(e -> e.type().value().equals("t-x-g-c"));
            bravo.send(Events.marker("RED-MARK", Duration.ofMinutes(5)));
            charlie.awaitUid("RED-MARK");
            charlie.send(Events.marker("BOTH-MARK", Duration.ofMinutes(5)));
            alpha.awaitUid("BOTH-MARK");
            assertThat(alpha.receivedSoFar()).extracting(CotEvent::uid).doesNotContain("RED-MARK");
        }
    }

    private static TestClient stream(String name) throws Exception {
        Path clients = pki.clientsDirectory();
        return TestClient.tls(ClientTls.context(clients.resolve(name + ".pem"), clients.resolve(name + ".key.pem"),
                pki.caCertificateFile()), node.server().port("tls"));
    }

    /** Runs the steps through node-tak and returns its RESULT / FAILED lines, one per step. */
    private static List<String> api(String cert, String... steps) throws Exception {
        Path clients = pki.clientsDirectory();
        List<String> args = new ArrayList<>(List.of("--url", "https://127.0.0.1:" + node.web().orElseThrow().port(),
                "--cert", clients.resolve(cert + ".pem").toString(),
                "--key", clients.resolve(cert + ".key.pem").toString()));
        args.addAll(List.of(steps));
        try (InteropClient run = InteropClient.startScript("api.mjs", args)) {
            assertThat(run.awaitExit(WAIT)).as(run.transcript()).isZero();
            run.awaitLine("", WAIT); // the pipe is read on its own thread: wait for it to catch up
            List<String> lines = new ArrayList<>();
            for (String line : awaitAll(run, steps.length)) {
                lines.add(line);
            }
            return lines;
        }
    }

    private static List<String> awaitAll(InteropClient run, int count) throws InterruptedException {
        Await.until(() -> run.lines().stream().filter(l -> l.startsWith("RESULT ") || l.startsWith("FAILED ")).count() >= count,
                "a line per step");
        return run.lines().stream().filter(l -> l.startsWith("RESULT ") || l.startsWith("FAILED ")).toList();
    }

    private static JsonNode result(List<String> lines, int index, String step) throws Exception {
        String prefix = "RESULT " + step + " ";
        assertThat(lines.get(index)).as(String.join("\n", lines)).startsWith(prefix);
        return JSON.readTree(lines.get(index).substring(prefix.length()));
    }

    private static List<String> entries(JsonNode envelope) {
        List<String> out = new ArrayList<>();
        for (JsonNode g : envelope.get("data")) {
            out.add(g.get("name").asText() + " " + g.get("direction").asText() + " " + g.get("active").asBoolean());
        }
        return out;
    }
}
