package org.kizuna.app.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.core.testing.Events.pli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.AuditLines;
import org.kizuna.app.pki.EnrolledCertificates;
import org.kizuna.app.testing.KizunaCli;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.IssuedCertificates;
import org.kizuna.pki.NodePki;
import org.kizuna.pki.Pem;
import org.kizuna.server.testing.TestClient;
import org.kizuna.store.audit.AuditLog;

/**
 * The enrollment port end to end: a CSR made with BouncyCastle is signed for the account that
 * signed in, and the certificate then connects to the streaming port and is routed with the
 * account's groups.
 */
class EnrollmentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    EnrollingNode node;

    @BeforeEach
    void start() throws Exception {
        node = new EnrollingNode(dir);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void theConfigIsPublicXmlWithTheNameEntries() throws Exception {
        var res = node.get("/Marti/api/tls/config", null, null);

        assertThat(res.statusCode()).isEqualTo(200);
        String xml = new String(res.body(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<ns2:certificateConfig", "xmlns:ns2=", "<nameEntry name=\"O\" value=\"Kizuna\"/>",
                "<nameEntry name=\"OU\" value=\"jpn-1\"/>", "<validityDays>365</validityDays>");
        assertThat(res.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void anEnrolledCertificateIsTheAccountsOnTheStreamingPort() throws Exception {
        KeyPair keys = EnrollingNode.rsa(2048);
        var res = node.post("/Marti/api/tls/signClient/v2?clientUid=ANDROID-ALICE&version=3", "alice",
                EnrollingNode.PASSWORD, "application/json", EnrollingNode.csr(keys, "CN=mallory,O=Elsewhere").getBytes());

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(res.body());
        X509Certificate signed = EnrollingNode.certificate(body.get("signedCert").asText());
        X509Certificate ca = EnrollingNode.certificate(body.get("ca0").asText());
        assertThat(signed.getSubjectX500Principal().getName()).as("the account, never the CSR name").isEqualTo("CN=alice");
        assertThat(signed.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(ca).isEqualTo(NodePki.in(node.data).caCertificate());
        signed.verify(ca.getPublicKey());
        assertThat(IssuedCertificates.read(NodePki.in(node.data).issuedFile()))
                .anySatisfy(e -> {
                    assertThat(e.serial()).isEqualTo(signed.getSerialNumber());
                    assertThat(e.kind()).isEqualTo(IssuedCertificates.ENROLLED);
                    assertThat(e.subject()).isEqualTo("alice");
                });
        assertThat(Files.readString(node.data.resolve("clients.yaml"))).contains("alice", "Blue");
        String fingerprint = IssuedCertificates.Entry.of(signed, IssuedCertificates.ENROLLED).sha256();
        assertThat(EnrolledCertificates.read(node.data).account(ClientIdentity.certificate("alice", fingerprint)))
                .as("after a restart too, the certificate holds the account's clearance").hasValue("alice");
        assertThat(AuditLines.find(AuditLog.file(node.data), "certificate-enrolled", "alice", "ANDROID-ALICE"))
                .isNotNegative();

        Path cert = Files.writeString(dir.resolve("alice.pem"), Pem.encodeCertificates(List.of(signed)));
        Path key = Files.writeString(dir.resolve("alice.key.pem"), Pem.encodePrivateKey(keys.getPrivate()));
        try (TestClient alice = TestClient.tls(ClientTls.context(cert, key, node.caPem()), streamingPort());
             TestClient bob = connect("bob"); TestClient carol = connect("carol")) {
            alice.send(pli("ANDROID-ALICE", "ALICE"));
            bob.awaitUid("ANDROID-ALICE");
            carol.assertNothing(e -> e.uid().equals("ANDROID-ALICE"), Duration.ofMillis(500));
        }
    }

    @Test
    void withoutJsonTheAnswerIsTheXmlEnrollment() throws Exception {
        var res = node.post("/Marti/api/tls/signClient/v2?clientUid=ITAK-1&version=3", "alice",
                EnrollingNode.PASSWORD, null, EnrollingNode.csr(EnrollingNode.rsa(2048), "CN=alice").getBytes());

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("<enrollment>", "<signedCert>", "<ca>").doesNotContain("-----BEGIN");
    }

    @Test
    void theEnrollmentPackageHoldsTheServerAndCaButNoKey() throws Exception {
        assertThat(node.get("/Marti/api/tls/profile/enrollment?clientUid=X", null, null).statusCode()).isEqualTo(401);

        var res = node.get("/Marti/api/tls/profile/enrollment?clientUid=X", "alice", EnrollingNode.PASSWORD);

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/zip");
        List<String> names = new ArrayList<>();
        String prefs = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(res.body()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                if (e.getName().endsWith(".pref")) {
                    prefs = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(names).containsExactly("MANIFEST/manifest.xml", "certs/jpn-1.pref", "certs/truststore-jpn-1.p12");
        assertThat(prefs).contains("localhost:" + streamingPort() + ":ssl", "enrollForCertificateWithTrust0")
                .doesNotContain("certificateLocation");
    }

    @Test
    void pkiRevokeClosesAnEnrolledCertificatesConnection() throws Exception {
        KeyPair keys = EnrollingNode.rsa(2048);
        var res = node.post("/Marti/api/tls/signClient/v2?clientUid=ANDROID-ALICE&version=3", "alice",
                EnrollingNode.PASSWORD, "application/json", EnrollingNode.csr(keys, "CN=alice").getBytes());
        X509Certificate signed = EnrollingNode.certificate(JSON.readTree(res.body()).get("signedCert").asText());
        Path cert = Files.writeString(dir.resolve("alice.pem"), Pem.encodeCertificates(List.of(signed)));
        Path key = Files.writeString(dir.resolve("alice.key.pem"), Pem.encodePrivateKey(keys.getPrivate()));

        try (TestClient alice = TestClient.tls(ClientTls.context(cert, key, node.caPem()), streamingPort())) {
            alice.send(pli("ANDROID-ALICE", "ALICE"));
            KizunaCli.Run revoke = KizunaCli.kizuna("pki", "revoke", "alice", "--data", node.data.toString(),
                    "--by", "yamada");

            assertThat(revoke.exit()).as(revoke.out() + revoke.err()).isZero();
            assertThat(revoke.out()).contains("enrolled certificate 'alice'");
            assertThat(alice.awaitClosed(Duration.ofSeconds(3))).as("closed after the revocation").isTrue();
        }
    }

    private int streamingPort() {
        return node.node.server().port("tls");
    }

    private TestClient connect(String user) throws Exception {
        Path pki = node.data.resolve("pki");
        return TestClient.tls(ClientTls.context(pki.resolve("clients").resolve(user + ".pem"),
                pki.resolve("clients").resolve(user + ".key.pem"), pki.resolve("ca.pem")), streamingPort());
    }
}
