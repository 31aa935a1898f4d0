package org.kizuna.app.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.testing.KizunaCli;
import org.kizuna.pki.IssuedCertificates;
import org.kizuna.pki.NodePki;

/**
 * What the enrollment port refuses: garbage and weak requests (400, nothing signed), oversize
 * bodies (413), wrong passwords (401, counted with web logins toward the same delays, then 429),
 * and a one-time token used twice.
 */
class EnrollmentRefusalTest {

    private static final String SIGN = "/Marti/api/tls/signClient/v2?clientUid=X&version=3";

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
    void garbageAndWeakRequestsAreRefusedAndNothingIsSigned() throws Exception {
        int before = issued();
        var garbage = node.post(SIGN, "alice", EnrollingNode.PASSWORD, "application/json",
                "-----BEGIN CERTIFICATE REQUEST-----\nbm90IGEgY3Ny\n-----END CERTIFICATE REQUEST-----\n".getBytes());
        var notBase64 = node.post(SIGN, "alice", EnrollingNode.PASSWORD, "application/json", "hello %%%".getBytes());
        var weak = node.post(SIGN, "alice", EnrollingNode.PASSWORD, "application/json",
                EnrollingNode.csr(EnrollingNode.rsa(1024), "CN=alice").getBytes());

        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("Bad certificate signing request", "PKCS#10");
        assertThat(notBase64.statusCode()).isEqualTo(400);
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("at least 2048 bits");
        assertThat(issued()).isEqualTo(before);
    }

    @Test
    void anOversizeBodyIs413() throws Exception {
        var res = node.post(SIGN, "alice", EnrollingNode.PASSWORD, "application/json", new byte[70 * 1024]);

        assertThat(res.statusCode()).isEqualTo(413);
    }

    @Test
    void wrongPasswordsCountWithWebLoginsTowardTheSameDelay() throws Exception {
        byte[] csr = EnrollingNode.csr(EnrollingNode.rsa(2048), "CN=alice").getBytes();

        var first = node.post(SIGN, "alice", "wrong-1", "application/json", csr);
        int web = node.webLogin("alice", "wrong-2");
        var third = node.post(SIGN, "alice", "wrong-3", "application/json", csr);
        var rightButTooEarly = node.post(SIGN, "alice", EnrollingNode.PASSWORD, "application/json", csr);

        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(first.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(web).isEqualTo(401);
        assertThat(third.statusCode()).isEqualTo(401);
        assertThat(rightButTooEarly.statusCode()).as("three failures, two ports: the fourth attempt waits").isEqualTo(429);
        assertThat(rightButTooEarly.headers().firstValue("Retry-After")).isPresent();
        assertThat(node.post(SIGN, "nobody", EnrollingNode.PASSWORD, "application/json", csr).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aOneTimeTokenSignsOnceAndOnlyForItsName() throws Exception {
        KizunaCli.Run run = KizunaCli.kizuna("enroll-qr", "alice", "--by", "sato", "--data", node.data.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        Matcher m = Pattern.compile("tak://com\\.atakmap\\.app/enroll\\?host=localhost&username=alice&token=([A-Za-z0-9_-]+)")
                .matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        String token = m.group(1);
        assertThat(java.nio.file.Files.readString(node.data.resolve("enrollment").resolve("tokens.tsv")))
                .as("only the hash is stored").doesNotContain(token);
        String audit = java.nio.file.Files.readString(node.data.resolve("audit").resolve("audit.log"));
        assertThat(audit).contains("enrollment-token-issued\tsato\taccount 'alice' until ").doesNotContain(token);
        byte[] csr = EnrollingNode.csr(EnrollingNode.rsa(2048), "CN=alice").getBytes();

        var wrongName = node.post(SIGN, "bob", token, "application/json", csr);
        var once = node.post(SIGN, "alice", token, "application/json", csr);
        var twice = node.post(SIGN, "alice", token, "application/json", csr);

        assertThat(wrongName.statusCode()).isEqualTo(401);
        assertThat(once.statusCode()).as(once.body()).isEqualTo(200);
        assertThat(twice.statusCode()).as("a replayed token").isEqualTo(401);
        assertThat(node.get("/Marti/api/tls/profile/enrollment?clientUid=X", "alice", token).statusCode())
                .as("the package right after the certificate, with the same token").isEqualTo(200);
        assertThat(node.get("/Marti/api/tls/profile/enrollment?clientUid=X", "bob", token).statusCode()).isEqualTo(401);
    }

    private int issued() throws Exception {
        return IssuedCertificates.read(NodePki.in(node.data).issuedFile()).size();
    }
}
