package org.kizuna.app.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.testing.KizunaCli.kizuna;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.testing.KizunaCli.Run;
import org.kizuna.pki.NodePki;
import org.kizuna.pki.Pem;

class PkiCommandsTest {

    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    @Test
    void initCreatesThePkiAndSaysWhatToDoNext() throws Exception {
        Run run = kizuna("pki", "init", "--data", data().toString(), "--node", "tokyo",
                "--host", "tak.example.jp,10.0.0.5", "--host", "localhost");

        assertThat(run.exit()).as(run.err()).isZero();
        NodePki pki = NodePki.in(data());
        assertThat(pki.serverHosts()).containsExactly("tak.example.jp", "10.0.0.5", "localhost");
        assertThat(pki.nodeName()).isEqualTo("tokyo");
        assertThat(run.out()).contains("Created the PKI of node 'tokyo'", "ca.key.pem", "truststore.p12",
                "kizuna pki client NAME --data " + data()).doesNotContain("Note:");
    }

    @Test
    void initDefaultsToThisMachinesNames() throws Exception {
        Run run = kizuna("pki", "init", "--data", data().toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(NodePki.in(data()).serverHosts()).contains("localhost", "127.0.0.1");
    }

    @Test
    void initTwiceFailsWithAClearMessageAndNoStackTrace() {
        kizuna("pki", "init", "--data", data().toString(), "--node", "tokyo", "--host", "localhost");

        Run again = kizuna("pki", "init", "--data", data().toString(), "--node", "tokyo", "--host", "localhost");

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("kizuna pki init: a CA already exists in")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void clientWritesFourFilesAndRecordsGroups() throws Exception {
        init();

        Run run = kizuna("pki", "client", "alice", "--data", data().toString(), "--groups", "Blue, JPN-HQ,Blue");

        assertThat(run.exit()).as(run.err()).isZero();
        Path clients = data().resolve("pki/clients");
        for (String file : List.of("alice.pem", "alice.key.pem", "alice.p12", "alice-package.zip")) {
            assertThat(clients.resolve(file)).isRegularFile();
        }
        assertThat(Files.readString(data().resolve("clients.yaml")))
                .isEqualTo("clients:\n  alice:\n    groups:\n    - Blue\n    - JPN-HQ\n");
        assertThat(run.out()).contains("alice-package.zip", "tak.example.jp:8089:ssl", "Groups: Blue, JPN-HQ");
        Map<String, byte[]> zip = unzip(clients.resolve("alice-package.zip"));
        assertThat(new String(zip.get("certs/tokyo.pref"), StandardCharsets.UTF_8))
                .contains(">tak.example.jp:8089:ssl<");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(Files.readAllBytes(clients.resolve("alice.p12"))), "atakatak".toCharArray());
        assertThat(store.getCertificate("alice")).isEqualTo(Pem.readCertificates(clients.resolve("alice.pem")).get(0));
    }

    @Test
    void clientHonoursHostPortAndPasswordAndWarnsAboutLoopback() throws Exception {
        init();

        Run run = kizuna("pki", "client", "bob", "--data", data().toString(), "--host", "localhost",
                "--port", "9089", "--password", "hunter22");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("localhost:9089:ssl", "Warning: the package points to localhost");
        Map<String, byte[]> zip = unzip(data().resolve("pki/clients/bob-package.zip"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(zip.get("certs/bob-tokyo.p12")), "hunter22".toCharArray());
        assertThat(store.isKeyEntry("bob")).isTrue();
        assertThat(data().resolve("clients.yaml")).doesNotExist();
    }

    @Test
    void groupsUpdatePreservesOtherClientsAndOtherKeys() throws Exception {
        init();
        Files.writeString(data().resolve("clients.yaml"),
                "clients:\n  carol:\n    groups: [Red]\n  alice:\n    groups: [Old]\n    clearance: SECRET\nversion: 1\n");

        Run run = kizuna("pki", "client", "alice", "--data", data().toString(), "--groups", "Blue");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(data().resolve("clients.yaml"))).isEqualTo(
                "clients:\n  carol:\n    groups:\n    - Red\n  alice:\n    groups:\n    - Blue\n    clearance: SECRET\n"
                        + "version: 1\n");
    }

    @Test
    void emptyClientsKeyOrEmptyFileCountsAsNoClients() throws Exception {
        init();
        Files.writeString(data().resolve("clients.yaml"), "clients:\n");
        Run alice = kizuna("pki", "client", "alice", "--data", data().toString(), "--groups", "Blue");
        assertThat(alice.exit()).as(alice.err()).isZero();
        Files.writeString(data().resolve("clients.yaml"), "");
        Run bob = kizuna("pki", "client", "bob", "--data", data().toString(), "--groups", "Red");
        assertThat(bob.exit()).as(bob.err()).isZero();

        assertThat(Files.readString(data().resolve("clients.yaml"))).isEqualTo("clients:\n  bob:\n    groups:\n    - Red\n");
    }

    @Test
    void malformedClientsYamlStopsBeforeAnyCertificateIsIssued() throws Exception {
        init();
        Files.writeString(data().resolve("clients.yaml"), "clients: [not, a, mapping]\n");

        Run run = kizuna("pki", "client", "alice", "--data", data().toString(), "--groups", "Blue");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("clients.yaml must be a mapping").doesNotContain("Exception");
        assertThat(data().resolve("pki/clients/alice.pem")).doesNotExist();
    }

    @Test
    void clientErrorsAreOneLineMessages() {
        Run beforeInit = kizuna("pki", "client", "alice", "--data", data().toString());
        assertThat(beforeInit.exit()).isEqualTo(1);
        assertThat(beforeInit.err()).contains("kizuna pki init").doesNotContain("Exception");

        init();
        Run traversal = kizuna("pki", "client", "../alice", "--data", data().toString());
        assertThat(traversal.exit()).isEqualTo(1);
        assertThat(traversal.err()).startsWith("kizuna pki client: invalid client name '../alice'");

        kizuna("pki", "client", "alice", "--data", data().toString());
        Run duplicate = kizuna("pki", "client", "alice", "--data", data().toString());
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.err()).contains("already has files");

        Run blankGroup = kizuna("pki", "client", "dave", "--data", data().toString(), "--groups", "A,,B");
        assertThat(blankGroup.exit()).isEqualTo(1);
        assertThat(blankGroup.err()).contains("group names must not be blank");

        Run ipv6 = kizuna("pki", "client", "erin", "--data", data().toString(), "--host", "::1");
        assertThat(ipv6.exit()).isEqualTo(1);
        assertThat(ipv6.err()).contains("IPv6");
    }

    @Test
    void exportCaWritesTheCertificateOnlyToStdoutOrAFile() throws Exception {
        init();
        String ca = Files.readString(data().resolve("pki/ca.pem"));

        Run stdout = kizuna("pki", "export-ca", "--data", data().toString());
        assertThat(stdout.exit()).isZero();
        assertThat(stdout.out()).isEqualTo(ca);

        Path out = dir.resolve("tokyo-ca.pem");
        Run file = kizuna("pki", "export-ca", "--data", data().toString(), "--out", out.toString());
        assertThat(file.exit()).as(file.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(ca).doesNotContain("PRIVATE");
        assertThat(file.out()).contains("SHA-256 fingerprint: ")
                .containsPattern("([0-9A-F]{2}:){31}[0-9A-F]{2}");

        Run again = kizuna("pki", "export-ca", "--data", data().toString(), "--out", out.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void usageErrorsAndHelp() {
        assertThat(kizuna().exit()).isEqualTo(2);
        assertThat(kizuna("pki").exit()).isEqualTo(2);
        Run missingData = kizuna("pki", "init");
        assertThat(missingData.exit()).isEqualTo(2);
        assertThat(missingData.err()).contains("Missing required option: '--data=DIR'");
        Run version = kizuna("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out().trim()).isEqualTo("0.1.0");
        Run help = kizuna("pki", "client", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--groups", "--password", "--host", "--port");
    }

    private void init() {
        Run run = kizuna("pki", "init", "--data", data().toString(), "--node", "tokyo",
                "--host", "tak.example.jp", "--host", "localhost");
        assertThat(run.exit()).as(run.err()).isZero();
    }

    private static Map<String, byte[]> unzip(Path zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
