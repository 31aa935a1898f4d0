package org.kizuna.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.NodePki;
import org.kizuna.server.http.auth.PasswordHash;
import org.kizuna.server.testing.TestClient;
import org.kizuna.store.account.AccountRow;

/**
 * Enrollment driven by the independent client: node-tak's {@code Credentials.generate()}
 * ({@code interop/enroll.mjs}) reads the certificate config, makes its own key and CSR with
 * OpenSSL, and gets it signed with a web account's password; node-tak's streaming client then
 * connects with that certificate and is routed with the account's group.
 */
class EnrollmentInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @BeforeAll
    static void nodeInstalled() {
        InteropClient.requireInstalled();
    }

    @Test
    void nodeTakEnrollsWithAPasswordAndStreamsWithTheCertificate() throws Exception {
        Path data = dir.resolve("data");
        NodePki pki = NodePki.in(data);
        pki.init("jpn-1", List.of("localhost", "127.0.0.1"));
        pki.issueClient("bob", null, "127.0.0.1", 8089);
        Path yaml = Files.writeString(dir.resolve("kizuna.yaml"), """
                node: {id: jpn-1}
                streaming: {tls: {bind: 127.0.0.1, port: 0}}
                http: {bind: 127.0.0.1, port: 0}
                enrollment: {bind: 127.0.0.1, port: 0}
                clients:
                  bob: {groups: [Blue]}
                """);
        try (RunningNode node = RunningNode.start(NodeConfigLoader.load(yaml, data))) {
            node.history().orElseThrow().store().accounts().add(new AccountRow("kestrel",
                    new PasswordHash(PasswordHash.Cost.DEFAULT).hash("pw-kestrel-long".toCharArray()), "viewer",
                    Set.of("Blue"), Instant.now()));
            Path cert = dir.resolve("kestrel.pem");
            Path key = dir.resolve("kestrel.key.pem");

            String out = enroll(node, pki, "kestrel", "pw-kestrel-long", cert, key);

            assertThat(out).contains("ENROLLED subject=CN=kestrel");
            try (TestClient bob = TestClient.tls(ClientTls.context(pki.clientsDirectory().resolve("bob.pem"),
                    pki.clientsDirectory().resolve("bob.key.pem"), pki.caCertificateFile()), node.server().port("tls"));
                 InteropClient kestrel = InteropClient.start(List.of("--host", "127.0.0.1",
                         "--port", String.valueOf(node.server().port("tls")), "--cert", cert.toString(),
                         "--key", key.toString(), "--ca", pki.caCertificateFile().toString(),
                         "--uid", "KESTREL-ENROLLED", "--callsign", "Kestrel", "--send-pli", "35.68,139.76",
                         "--timeout", "30"))) {
                bob.awaitUid("KESTREL-ENROLLED");
                kestrel.awaitLine("READY", WAIT);
            }
            assertThat(enroll(node, pki, "kestrel", "wrong-password", dir.resolve("x.pem"), dir.resolve("x.key")))
                    .contains("ERROR 401");
        }
    }

    /** Runs interop/enroll.mjs against the node's enrollment port; returns what it printed. */
    private static String enroll(RunningNode node, NodePki pki, String user, String password, Path cert, Path key)
            throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder("node", InteropClient.INTEROP.resolve("enroll.mjs").toString(),
                "--url", "https://127.0.0.1:" + node.web().orElseThrow().enrollmentPort(), "--user", user,
                "--password", password, "--out-cert", cert.toString(), "--out-key", key.toString())
                .redirectErrorStream(true);
        b.environment().put("NODE_EXTRA_CA_CERTS", pki.caCertificateFile().toString());
        Process p = b.start();
        byte[] printed = p.getInputStream().readAllBytes(); // the child exits after its one line
        assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("enroll.mjs finished").isTrue();
        return new String(printed, StandardCharsets.UTF_8);
    }
}
