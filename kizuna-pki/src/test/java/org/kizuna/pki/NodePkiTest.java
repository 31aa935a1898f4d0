package org.kizuna.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodePkiTest {

    @TempDir
    Path data;

    @Test
    void initWritesCaServerAndTrustStore() throws Exception {
        NodePki pki = NodePki.in(data);

        IssuedCertificate server = pki.init("tokyo", List.of("tak.example.jp", "10.0.0.5", "localhost"));

        assertThat(pki.directory()).isEqualTo(data.resolve("pki"));
        assertThat(pki.isInitialized()).isTrue();
        CertificateAuthority ca = pki.loadCa();
        assertThat(ca.commonName()).isEqualTo("tokyo Kizuna CA");
        assertThat(Pem.readCertificates(pki.caCertificateFile())).containsExactly(ca.certificate());
        assertThat(pki.caCertificate()).isEqualTo(ca.certificate());
        assertThat(Pem.readCertificates(pki.serverCertificateFile())).containsExactly(server.certificate(), ca.certificate());
        assertThat(pki.loadServer().privateKey()).isEqualTo(server.privateKey());
        Pkix.validate(server.certificate(), ca.certificate());
        assertThat(pki.nodeName()).isEqualTo("tokyo");
        assertThat(pki.serverHosts()).containsExactly("tak.example.jp", "10.0.0.5", "localhost");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(new ByteArrayInputStream(Files.readAllBytes(pki.trustStoreFile())), "atakatak".toCharArray());
        assertThat(trust.size()).isEqualTo(1);
        assertThat(server.certificate().getNotAfter().toInstant())
                .isBefore(Instant.now().plus(Duration.ofDays(825)));
        assertOwnerOnly(pki.caPrivateKeyFile(), pki.serverPrivateKeyFile());
        assertPosix(pki.directory(), "rwx------");
    }

    @Test
    void initRefusesToReplaceAnExistingCa() throws Exception {
        NodePki pki = NodePki.in(data);
        pki.init("tokyo", List.of("localhost"));
        byte[] before = Files.readAllBytes(pki.caPrivateKeyFile());

        assertThatThrownBy(() -> pki.init("tokyo", List.of("localhost")))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("a CA already exists in " + pki.directory())
                .hasMessageContaining("refusing");
        assertThat(Files.readAllBytes(pki.caPrivateKeyFile())).isEqualTo(before);
    }

    @Test
    void initValidatesBeforeWritingAnything() {
        NodePki pki = NodePki.in(data);

        assertThatThrownBy(() -> pki.init("../evil", List.of("localhost"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pki.init("tokyo", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pki.init("tokyo", List.of("bad host"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(pki.isInitialized()).isFalse();
        assertThat(pki.directory()).doesNotExist();
    }

    @Test
    void issueClientWritesFourFilesOwnerOnlyWhereSecret() throws Exception {
        NodePki pki = NodePki.in(data);
        pki.init("tokyo", List.of("tak.example.jp", "localhost"));

        NodePki.ClientFiles alice = pki.issueClient("alice", null, null, 8089);

        Path clients = data.resolve("pki/clients");
        assertThat(alice.certificateFile()).isEqualTo(clients.resolve("alice.pem"));
        assertThat(alice.privateKeyFile()).isEqualTo(clients.resolve("alice.key.pem"));
        assertThat(alice.keyStoreFile()).isEqualTo(clients.resolve("alice.p12"));
        assertThat(alice.dataPackage()).isEqualTo(clients.resolve("alice-package.zip"));
        assertThat(Files.list(clients)).hasSize(4);
        assertThat(Pem.readCertificates(alice.certificateFile())).containsExactly(alice.certificate().certificate());
        assertThat(Pem.readPrivateKey(alice.privateKeyFile())).isEqualTo(alice.certificate().privateKey());
        Pkix.validate(alice.certificate().certificate(), pki.loadCa().certificate());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Files.readAllBytes(alice.keyStoreFile())), "atakatak".toCharArray());
        assertThat(store.isKeyEntry("alice")).isTrue();
        assertOwnerOnly(alice.privateKeyFile(), alice.keyStoreFile(), alice.dataPackage());
        assertPosix(clients, "rwx------");
        assertThat(alice.server().connectString()).isEqualTo("tak.example.jp:8089:ssl");
    }

    @Test
    void dataPackagePointsAtTheGivenServerAndCarriesTheGivenPassword() throws Exception {
        NodePki pki = NodePki.in(data);
        pki.init("tokyo", List.of("localhost"));

        NodePki.ClientFiles bob = pki.issueClient("bob", "hunter22".toCharArray(), "10.1.2.3", 9089);

        Map<String, byte[]> zip = TakConnectionPackageTest.unzip(Files.readAllBytes(bob.dataPackage()));
        Map<String, String> streams = TakConnectionPackageTest.preferences(
                TakConnectionPackageTest.parse(zip.get("certs/tokyo.pref"))).get("cot_streams");
        assertThat(streams).containsEntry("connectString0", "10.1.2.3:9089:ssl")
                .containsEntry("clientPassword0", "hunter22");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(zip.get("certs/bob-tokyo.p12")), "hunter22".toCharArray());
        assertThat(store.getCertificate("bob")).isEqualTo(bob.certificate().certificate());
    }

    @Test
    void issueClientRefusesDuplicatesBadNamesAndMissingCa() throws Exception {
        NodePki pki = NodePki.in(data);
        assertThatThrownBy(() -> pki.issueClient("alice", null, null, 8089))
                .isInstanceOf(PkiException.class).hasMessageContaining("kizuna pki init");

        pki.init("tokyo", List.of("localhost"));
        pki.issueClient("alice", null, null, 8089);

        assertThatThrownBy(() -> pki.issueClient("alice", null, null, 8089))
                .isInstanceOf(PkiException.class).hasMessageContaining("already has files");
        for (String bad : List.of("../alice", "a/b", "a\\b", ".hidden", "-rf", "", "a b", "x".repeat(65))) {
            assertThatThrownBy(() -> pki.issueClient(bad, null, null, 8089))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid client name");
        }
        assertThatThrownBy(() -> pki.issueClient("carol", new char[0], null, 8089))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.list(pki.clientsDirectory())).hasSize(4);
    }

    @Test
    void opensslVerifiesIssuedClientAgainstTheCa() throws Exception {
        OpenSsl.assumeInstalled();
        NodePki pki = NodePki.in(data);
        pki.init("tokyo", List.of("localhost"));
        NodePki.ClientFiles alice = pki.issueClient("alice", null, null, 8089);

        OpenSsl.Result client = OpenSsl.run(data, "verify", "-CAfile", pki.caCertificateFile().toString(),
                alice.certificateFile().toString());
        OpenSsl.Result server = OpenSsl.run(data, "verify", "-CAfile", pki.caCertificateFile().toString(),
                "-purpose", "sslserver", "-verify_hostname", "localhost", pki.serverCertificateFile().toString());

        assertThat(client.exitCode()).as(client.output()).isZero();
        assertThat(server.exitCode()).as(server.output()).isZero();
    }

    private static void assertOwnerOnly(Path... files) throws Exception {
        for (Path file : files) {
            assertPosix(file, "rw-------");
        }
    }

    private static void assertPosix(Path path, String permissions) throws Exception {
        if (PkiFiles.supportsPosix(path.getParent())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(path.toString())
                    .isEqualTo(permissions);
        }
    }
}
