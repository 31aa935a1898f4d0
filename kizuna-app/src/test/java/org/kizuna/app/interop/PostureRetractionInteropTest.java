package org.kizuna.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.Kizuna;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.testing.Events;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.NodePki;
import org.kizuna.server.testing.TestClient;
import picocli.CommandLine;

/**
 * Tightening the posture retracts on a live, independent TAK client: the U.S. liaison's
 * {@code @tak-ps/node-tak} client holds a position under PEACETIME, the admins approve
 * CONTINGENCY (which releases nothing to U.S. recipients), and the client receives a
 * {@code t-x-d-d} with {@code <__forcedelete/>} for exactly that position.
 */
class PostureRetractionInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path data;

    @Test
    void aTighterPostureRetractsFromALiveTakClient() throws Exception {
        InteropClient.requireInstalled();
        Files.writeString(data.resolve("policy.yaml"), """
                policy: JPN
                classifications: [{name: TORIATSUKAICHUI, rank: 0}, {name: HI, rank: 2}]
                categories: [{tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}]
                """);
        Files.writeString(data.resolve("rules.yaml"), """
                PEACETIME:
                  - {name: all, nations: [JPN, USA]}
                CONTINGENCY:
                  - {name: home, nations: [JPN]}
                """);
        Path yaml = Files.writeString(data.resolve("kizuna.yaml"), """
                node: {id: jpn-1, nation: JPN}
                streaming: {tls: {bind: 127.0.0.1, port: 0}}
                store: {enabled: false}
                http: {enabled: false}
                groups: {default: [Blue]}
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: {classification: TORIATSUKAICHUI, categories: {Releasable To: [JPN, USA]}}
                clients:
                  jpn-sender: {clearance: {upTo: HI, nation: JPN, categories: {Releasable To: [JPN]}}}
                  usa-lno: {clearance: {upTo: HI, nation: USA, categories: {Releasable To: [USA]}}}
                """);
        NodePki pki = NodePki.in(data);
        pki.init("jpn-1", List.of("localhost", "127.0.0.1"));
        pki.issueClient("jpn-sender", null, "127.0.0.1", 8089);
        pki.issueClient("usa-lno", null, "127.0.0.1", 8089);
        Path clients = pki.clientsDirectory();

        try (RunningNode node = RunningNode.start(NodeConfigLoader.load(yaml, data))) {
            int port = node.server().port("tls");
            try (InteropClient lno = InteropClient.start(List.of("--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--cert", clients.resolve("usa-lno.pem").toString(), "--key", clients.resolve("usa-lno.key.pem").toString(),
                    "--ca", pki.caCertificateFile().toString(), "--uid", "LNO-UID", "--callsign", "LNO", "--print",
                    "--expect-uid", "ANDROID-S", "--expect-uid", "retract-ANDROID-S", "--timeout", "40"));
                 TestClient sender = TestClient.tls(ClientTls.context(clients.resolve("jpn-sender.pem"),
                         clients.resolve("jpn-sender.key.pem"), pki.caCertificateFile()), port)) {
                lno.awaitLine("READY", WAIT);
                sender.send(Events.pli("ANDROID-S", "SENDER"));
                lno.awaitLine("{\"format\":\"xml\",\"uid\":\"ANDROID-S\"", WAIT);

                CommandLine cli = new CommandLine(new Kizuna());
                assertThat(cli.execute("posture", "request", "CONTINGENCY", "--by", "alice", "--data", data.toString())).isZero();
                assertThat(cli.execute("posture", "approve", "--by", "bob", "--data", data.toString())).isZero();

                String retraction = lno.awaitLine("{\"format\":\"xml\",\"uid\":\"retract-ANDROID-S\"", WAIT);
                assertThat(retraction).contains("\"type\":\"t-x-d-d\"").contains("__forcedelete")
                        .contains("\"uid\":\"ANDROID-S\"");
                assertThat(lno.awaitExit(WAIT)).as(lno.transcript()).isZero();
            }
        }
    }
}
