package org.kizuna.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final Instant NOW = Instant.now();

    // Key generation dominates the run time; one CA serves the tests that only read it.
    private static CertificateAuthority ca;

    @BeforeAll
    static void createCa() {
        ca = CertificateAuthority.create("Test CA", Duration.ofDays(3650));
    }

    @Test
    void createsSelfSignedRsaCaRestrictedToSigningCertificates() throws Exception {
        X509Certificate certificate = ca.certificate();

        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSubjectX500Principal()).isEqualTo(certificate.getIssuerX500Principal());
        assertThat(ca.commonName()).isEqualTo("Test CA");
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(certificate.getBasicConstraints()).isEqualTo(0);
        assertThat(certificate.getCriticalExtensionOIDs())
                .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
        boolean[] keyUsage = certificate.getKeyUsage();
        assertThat(keyUsage[5]).as("keyCertSign").isTrue();
        assertThat(keyUsage[6]).as("cRLSign").isTrue();
        assertThat(keyUsage[0]).as("digitalSignature").isFalse();
        assertThat(certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        assertThat(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
        assertThat(certificate.getNotBefore().toInstant()).isBefore(NOW);
    }

    @Test
    void serverCertificateValidatesAgainstCaWithBothKeyUsagesAndAltNames() throws Exception {
        IssuedCertificate server = ca.issueServer("tokyo", List.of("tak.example.jp", "localhost"),
                List.of("10.0.0.5", "::1"), NOW, NOW.plus(Duration.ofDays(730)));

        Pkix.validate(server.certificate(), ca.certificate());
        assertThat(server.commonName()).isEqualTo("tokyo");
        assertThat(server.chain()).containsExactly(server.certificate(), ca.certificate());
        assertThat(server.certificate().getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
        assertThat(server.certificate().getBasicConstraints()).isEqualTo(-1);
        assertThat(server.certificate().getSubjectAlternativeNames())
                .extracting(name -> (Object) name.get(1))
                .containsExactly("tak.example.jp", "localhost", "10.0.0.5", "0:0:0:0:0:0:0:1");
        assertThat(server.certificate().getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                .isNotNull();
    }

    @Test
    void serverCertificateForMixedHostsKeepsTheGivenOrder() throws Exception {
        IssuedCertificate server = ca.issueServerForHosts("n", List.of("192.168.1.10", "tak.local", "127.0.0.1"),
                NOW, NOW.plus(Duration.ofDays(1)));

        assertThat(server.certificate().getSubjectAlternativeNames())
                .extracting(name -> name.get(0) + ":" + name.get(1))
                .containsExactly("7:192.168.1.10", "2:tak.local", "7:127.0.0.1");
    }

    @Test
    void clientCertificateValidatesAgainstCaForClientAuthOnly() throws Exception {
        IssuedCertificate client = ca.issueClient("alice", NOW, NOW.plus(Duration.ofDays(365)));

        Pkix.validate(client.certificate(), ca.certificate());
        assertThat(client.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=alice");
        assertThat(client.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(client.certificate().getKeyUsage()[0]).as("digitalSignature").isTrue();
    }

    @Test
    void expiredClientCertificateFailsValidation() {
        IssuedCertificate expired = ca.issueClient("late", NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));

        assertThatThrownBy(() -> Pkix.validate(expired.certificate(), ca.certificate()))
                .isInstanceOf(CertPathValidatorException.class)
                .satisfies(e -> assertThat(((CertPathValidatorException) e).getReason())
                        .isEqualTo(CertPathValidatorException.BasicReason.EXPIRED));
    }

    @Test
    void certificateFromForeignCaFailsValidation() {
        CertificateAuthority foreign = CertificateAuthority.create("Test CA", Duration.ofDays(30));
        IssuedCertificate intruder = foreign.issueClient("alice", NOW, NOW.plus(Duration.ofDays(1)));

        assertThatThrownBy(() -> Pkix.validate(intruder.certificate(), ca.certificate()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void serialNumbersAreRandom128BitPositiveNumbers() {
        Set<String> serials = java.util.stream.IntStream.range(0, 3)
                .mapToObj(i -> ca.issueClient("c" + i, NOW, NOW.plus(Duration.ofDays(1))).certificate().getSerialNumber())
                .peek(serial -> assertThat(serial.bitLength()).isEqualTo(128))
                .map(Object::toString)
                .collect(Collectors.toSet());
        assertThat(serials).hasSize(3);
    }

    @Test
    void validityIsTruncatedToWholeSeconds() {
        Instant from = Instant.parse("2030-01-01T00:00:00.789Z");
        IssuedCertificate client = ca.issueClient("t", from, from.plus(Duration.ofDays(1)));

        assertThat(client.certificate().getNotBefore().toInstant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void refusesInvalidRequests() {
        Instant later = NOW.plus(Duration.ofDays(1));
        assertThatThrownBy(() -> ca.issueClient("x", later, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be after");
        assertThatThrownBy(() -> ca.issueClient("x", NOW, NOW.plus(Duration.ofDays(40_000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outlive its CA");
        assertThatThrownBy(() -> ca.issueClient(" ", NOW, later))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issueServer("s", List.of(), List.of(), NOW, later))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ca.issueServer("s", List.of("bad name"), List.of(), NOW, later))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DNS name");
        assertThatThrownBy(() -> ca.issueServer("s", List.of(), List.of("300.1.1.1"), NOW, later))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IP address");
        assertThatThrownBy(() -> CertificateAuthority.create("x", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commonNameCannotInjectFurtherAttributes() {
        IssuedCertificate client = ca.issueClient("eve,O=Admins", NOW, NOW.plus(Duration.ofDays(1)));

        assertThat(client.commonName()).isEqualTo("eve,O=Admins");
        assertThat(client.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=eve\\,O\\=Admins");
    }

    @Test
    void loadsFromPemFilesAndIssuesCertificatesTheOriginalValidates(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("ca.pem"), Pem.encodeCertificates(List.of(ca.certificate())));
        Path key = Files.writeString(dir.resolve("ca.key.pem"), Pem.encodePrivateKey(ca.privateKey()));

        CertificateAuthority loaded = CertificateAuthority.load(cert, key);

        assertThat(loaded.certificate()).isEqualTo(ca.certificate());
        Pkix.validate(loaded.issueClient("bob", NOW, NOW.plus(Duration.ofDays(1))).certificate(), ca.certificate());
    }

    @Test
    void refusesKeyOfAnotherCertificateAndNonCaCertificates() {
        CertificateAuthority other = CertificateAuthority.create("Other", Duration.ofDays(1));
        IssuedCertificate client = ca.issueClient("c", NOW, NOW.plus(Duration.ofDays(1)));

        assertThatThrownBy(() -> CertificateAuthority.of(ca.certificate(), other.privateKey()))
                .isInstanceOf(PkiException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> CertificateAuthority.of(client.certificate(), client.privateKey()))
                .isInstanceOf(PkiException.class).hasMessageContaining("not a CA");
    }
}
