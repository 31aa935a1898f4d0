package org.kizuna.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The register of issued certificates and the CRL a revocation writes. */
class NodeRevocationsTest {

    @TempDir
    Path data;
    NodePki pki;
    NodeRevocations revocations;
    IssuedCertificate server;

    @BeforeEach
    void init() throws Exception {
        pki = NodePki.in(data);
        server = pki.init("tokyo", List.of("localhost"));
        revocations = NodeRevocations.of(pki);
    }

    @Test
    void everyIssuedCertificateIsRegisteredOwnerOnly() throws Exception {
        IssuedCertificate alice = pki.issueClient("alice", null, "127.0.0.1", 8089).certificate();

        assertThat(revocations.issued()).extracting(IssuedCertificates.Entry::serial, IssuedCertificates.Entry::kind,
                        IssuedCertificates.Entry::subject)
                .containsExactly(tuple(server.certificate().getSerialNumber(), "server", "tokyo"),
                        tuple(alice.certificate().getSerialNumber(), "client", "alice"));
        IssuedCertificates.Entry entry = revocations.issued().get(1);
        assertThat(entry.notAfter()).isEqualTo(alice.certificate().getNotAfter().toInstant());
        assertThat(entry.sha256()).isEqualTo(IssuedCertificates.sha256(alice.certificate()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.issuedFile()))).isEqualTo("rw-------");
    }

    @Test
    void aClientWhoseFilesWereDeletedIsStillKnownAndAReissueIsAnotherEntry() throws Exception {
        IssuedCertificate first = pki.issueClient("alice", null, "127.0.0.1", 8089).certificate();
        deleteClientFiles("alice");
        IssuedCertificate second = pki.issueClient("alice", null, "127.0.0.1", 8089).certificate();

        assertThat(revocations.issued()).extracting(IssuedCertificates.Entry::serial)
                .containsExactly(server.certificate().getSerialNumber(), first.certificate().getSerialNumber(),
                        second.certificate().getSerialNumber());
    }

    @Test
    void certificatesIssuedBeforeTheRegisterExistedAreFoundInTheirFiles() throws Exception {
        IssuedCertificate bob = pki.issueClient("bob", null, "127.0.0.1", 8089).certificate();
        Files.delete(pki.issuedFile());

        assertThat(revocations.issued()).extracting(IssuedCertificates.Entry::serial, IssuedCertificates.Entry::kind)
                .containsExactly(tuple(server.certificate().getSerialNumber(), "server"),
                        tuple(bob.certificate().getSerialNumber(), "client"));
    }

    @Test
    void revokingWritesACrlOfTheCaWithAGrowingNumber() throws Exception {
        IssuedCertificate alice = pki.issueClient("alice", null, "127.0.0.1", 8089).certificate();
        IssuedCertificate bob = pki.issueClient("bob", null, "127.0.0.1", 8089).certificate();
        Instant now = Instant.now();

        revocations.revoke(alice.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE, now, (c, r) -> { });
        CertificateRevocationList one = revocations.current().orElseThrow();
        revocations.revoke(bob.certificate().getSerialNumber(), RevocationReason.AFFILIATION_CHANGED, now, (c, r) -> { });
        CertificateRevocationList two = revocations.current().orElseThrow();

        assertThat(one.number()).isEqualTo(BigInteger.ONE);
        assertThat(two.number()).isEqualTo(BigInteger.TWO);
        // both revoked at the same instant: the list orders them by serial, which is random
        assertThat(two.entries()).extracting(RevokedCertificate::serial, RevokedCertificate::reason).containsExactlyInAnyOrder(
                tuple(alice.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE),
                tuple(bob.certificate().getSerialNumber(), RevocationReason.AFFILIATION_CHANGED));
        assertThat(two.nextUpdate()).isAfterOrEqualTo(now.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(365)));
        // the JDK, an independent reader, agrees
        X509CRL jdk;
        try (var in = Files.newInputStream(pki.crlFile())) {
            jdk = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
        jdk.verify(pki.caCertificate().getPublicKey());
        assertThat(jdk.isRevoked(alice.certificate())).isTrue();
        assertThat(jdk.isRevoked(server.certificate())).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.crlFile()))).isEqualTo("rw-------");
        assertThat(pki.directory()).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void theRecordComesFirstAndARecordThatFailsRevokesNothing() throws Exception {
        IssuedCertificate alice = pki.issueClient("alice", null, "127.0.0.1", 8089).certificate();
        List<String> seen = new ArrayList<>();

        assertThatThrownBy(() -> revocations.revoke(alice.certificate().getSerialNumber(), RevocationReason.UNSPECIFIED,
                Instant.now(), (c, r) -> {
                    seen.add(c.subject() + " " + Files.exists(pki.crlFile()));
                    throw new IllegalStateException("audit log unwritable");
                })).hasMessage("audit log unwritable");

        assertThat(seen).containsExactly("alice false");
        assertThat(pki.crlFile()).doesNotExist();
    }

    @Test
    void unknownAndAlreadyRevokedSerialsAreRefused() throws Exception {
        IssuedCertificate alice = pki.issueClient("alice", null, "127.0.0.1", 8089).certificate();
        BigInteger serial = alice.certificate().getSerialNumber();
        revocations.revoke(serial, RevocationReason.UNSPECIFIED, Instant.now(), (c, r) -> { });

        assertThatThrownBy(() -> revocations.revoke(serial, RevocationReason.UNSPECIFIED, Instant.now(), (c, r) -> { }))
                .isInstanceOf(PkiException.class).hasMessageContaining("already revoked");
        assertThatThrownBy(() -> revocations.revoke(BigInteger.valueOf(42), RevocationReason.UNSPECIFIED, Instant.now(),
                (c, r) -> { })).isInstanceOf(PkiException.class).hasMessageContaining("no certificate with serial 2A");
        assertThat(revocations.current().orElseThrow().number()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void aCrlNotSignedByTheCaIsRefused() throws Exception {
        CertificateAuthority other = CertificateAuthority.create("tokyo Kizuna CA", Duration.ofDays(30));
        Files.writeString(pki.crlFile(), CertificateRevocationList.sign(other, List.of(), BigInteger.TEN, Instant.now()).toPem());

        assertThatThrownBy(() -> revocations.current()).isInstanceOf(PkiException.class)
                .hasMessageContaining("not signed by the CA");
    }

    @Test
    void openSslReadsTheCrl() throws Exception {
        OpenSsl.assumeInstalled();
        IssuedCertificate alice = pki.issueClient("alice", null, "127.0.0.1", 8089).certificate();
        revocations.revoke(alice.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE, Instant.now(),
                (c, r) -> { });

        OpenSsl.Result crl = OpenSsl.run(data, "crl", "-in", pki.crlFile().toString(), "-CAfile",
                pki.caCertificateFile().toString(), "-noout", "-text");
        assertThat(crl.exitCode()).as(crl.output()).isZero();
        assertThat(crl.output()).contains("verify OK", "Key Compromise",
                Serials.hex(alice.certificate().getSerialNumber()));
        OpenSsl.Result verify = OpenSsl.run(data, "verify", "-crl_check", "-CAfile", pki.caCertificateFile().toString(),
                "-CRLfile", pki.crlFile().toString(), pki.clientsDirectory().resolve("alice.pem").toString());
        assertThat(verify.output()).contains("certificate revoked");
    }

    private void deleteClientFiles(String name) throws Exception {
        for (String suffix : List.of(".pem", ".key.pem", ".p12", "-package.zip")) {
            Files.delete(pki.clientsDirectory().resolve(name + suffix));
        }
    }
}
