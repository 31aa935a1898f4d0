package org.kizuna.app.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.testing.KizunaCli.kizuna;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.AuditLines;
import org.kizuna.app.testing.KizunaCli.Run;
import org.kizuna.pki.IssuedCertificates;
import org.kizuna.pki.NodePki;
import org.kizuna.pki.NodeRevocations;
import org.kizuna.pki.RevocationReason;
import org.kizuna.pki.RevokedCertificate;
import org.kizuna.store.audit.AuditLog;

/** {@code kizuna pki revoke} and {@code kizuna pki list}. */
class PkiRevokeCommandTest {

    @TempDir
    Path dir;
    NodePki pki;

    @BeforeEach
    void init() throws Exception {
        pki = NodePki.in(data());
        pki.init("tokyo", List.of("localhost"));
        pki.issueClient("alice", null, "127.0.0.1", 8089);
        pki.issueClient("bob", null, "127.0.0.1", 8089);
    }

    @Test
    void revokeRecordsTheRevocationThenWritesTheCrlAndListShowsIt() throws Exception {
        String alice = serialOf("alice");

        Run revoke = kizuna("pki", "revoke", "alice", "--data", data().toString(), "--reason", "key-compromise",
                "--by", "yamada");

        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(revoke.out()).contains("Revoked the client certificate 'alice' (serial " + alice + ", key-compromise)");
        assertThat(NodeRevocations.of(pki).current().orElseThrow().entries()).extracting(RevokedCertificate::serialHex,
                RevokedCertificate::reason).containsExactly(org.assertj.core.groups.Tuple.tuple(alice,
                RevocationReason.KEY_COMPROMISE));
        assertThat(AuditLines.find(AuditLog.file(data()), "certificate-revoked", "yamada",
                "client certificate 'alice' serial " + alice + " revoked: key-compromise")).isNotNegative();
        Run list = kizuna("pki", "list", "--data", data().toString());
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(line(list.out(), "alice")).contains(alice, "client", "revoked ", "(key-compromise)");
        assertThat(line(list.out(), "bob")).endsWith("valid");
        assertThat(line(list.out(), "tokyo")).contains("server").endsWith("valid");
        assertThat(list.out()).contains("3 certificates, 1 revoked (CRL number 1");
    }

    @Test
    void bySerialUnknownOnesAndTwiceAreOneLineErrors() throws Exception {
        String bob = serialOf("bob");
        Run bySerial = kizuna("pki", "revoke", "--serial", bob.toLowerCase(), "--data", data().toString());
        assertThat(bySerial.exit()).as(bySerial.err()).isZero();

        Run again = kizuna("pki", "revoke", "bob", "--data", data().toString());
        Run againBySerial = kizuna("pki", "revoke", "--serial", bob, "--data", data().toString());
        Run unknownName = kizuna("pki", "revoke", "mallory", "--data", data().toString());
        Run unknownSerial = kizuna("pki", "revoke", "--serial", "0A:0B", "--data", data().toString());
        Run badReason = kizuna("pki", "revoke", "alice", "--reason", "bored", "--data", data().toString());

        assertThat(List.of(again, againBySerial, unknownName, unknownSerial, badReason)).allSatisfy(run -> {
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).startsWith("kizuna pki revoke: ").doesNotContain("Exception", "\tat ");
        });
        assertThat(again.err()).contains("no certificate left to revoke");
        assertThat(againBySerial.err()).contains("already revoked");
        assertThat(unknownName.err()).contains("issued no certificate named 'mallory'");
        assertThat(unknownSerial.err()).contains("no certificate with serial A0B");
        assertThat(badReason.err()).contains("unknown revocation reason 'bored'");
        assertThat(NodeRevocations.of(pki).current().orElseThrow().entries()).hasSize(1);
    }

    @Test
    void aUserIssuedTwiceNeedsTheSerial() throws Exception {
        for (String suffix : List.of(".pem", ".key.pem", ".p12", "-package.zip")) {
            Files.delete(pki.clientsDirectory().resolve("alice" + suffix));
        }
        pki.issueClient("alice", null, "127.0.0.1", 8089);

        Run ambiguous = kizuna("pki", "revoke", "alice", "--data", data().toString());

        assertThat(ambiguous.exit()).isEqualTo(1);
        assertThat(ambiguous.err()).contains("'alice' has 2 valid certificates", "--serial");
        assertThat(pki.crlFile()).doesNotExist();
    }

    @Test
    void whenTheAuditRecordCannotBeWrittenNothingIsRevoked() throws Exception {
        Files.createDirectories(AuditLog.file(data()).getParent());
        Files.writeString(AuditLog.file(data()), "a damaged last record\n");

        Run revoke = kizuna("pki", "revoke", "alice", "--data", data().toString());

        assertThat(revoke.exit()).isEqualTo(1);
        assertThat(revoke.err()).contains("nothing revoked: the audit");
        assertThat(pki.crlFile()).doesNotExist();
    }

    @Test
    void stateSaysValidExpiredNotYetValidOrRevoked() {
        Instant now = Instant.parse("2025-06-01T00:00:00Z");
        IssuedCertificates.Entry e = new IssuedCertificates.Entry(java.math.BigInteger.TEN, "client", "alice",
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), "00");

        assertThat(PkiListCommand.state(e, Optional.empty(), now)).isEqualTo("valid");
        assertThat(PkiListCommand.state(e, Optional.empty(), now.plus(Duration.ofDays(2)))).isEqualTo("expired");
        assertThat(PkiListCommand.state(e, Optional.empty(), now.minus(Duration.ofDays(2)))).isEqualTo("not yet valid");
        assertThat(PkiListCommand.state(e, Optional.of(new RevokedCertificate(java.math.BigInteger.TEN, now,
                RevocationReason.SUPERSEDED)), now)).isEqualTo("revoked 2025-06-01T00:00:00Z (superseded)");
    }

    private String serialOf(String name) throws Exception {
        return NodeRevocations.of(pki).issued().stream().filter(e -> e.subject().equals(name)).findFirst().orElseThrow()
                .serialHex();
    }

    private static String line(String out, String name) {
        return out.lines().filter(l -> l.contains(" " + name + " ")).findFirst().orElseThrow(() ->
                new AssertionError("no line for " + name + " in\n" + out)).trim();
    }

    private Path data() {
        return dir.resolve("data");
    }

}
