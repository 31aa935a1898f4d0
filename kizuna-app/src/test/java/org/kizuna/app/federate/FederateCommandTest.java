package org.kizuna.app.federate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.testing.KizunaCli.kizuna;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.AuditLines;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.config.RemovedPartners;
import org.kizuna.app.testing.KizunaCli.Run;
import org.kizuna.core.identity.Group;
import org.kizuna.federation.FederationConfig;
import org.kizuna.federation.Partner;
import org.kizuna.pki.CertificateAuthority;
import org.kizuna.pki.Pem;

class FederateCommandTest {

    @TempDir
    Path dir;

    @Test
    void addedPartnersAreWhatTheNodeLoads() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path usaCa = Files.writeString(dir.resolve("usa-ca.pem"), Pem.encodeCertificates(List.of(
                CertificateAuthority.create("USA node CA", Duration.ofDays(30)).certificate())));
        Run add = kizuna("federate", "add", "--data", data.toString(), "usa-1", "--nation", "USA", "--ca",
                usaCa.toString(), "--dial", "tak.example.us:9001", "--out-groups", "Coalition,Liaison");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("SHA-256 fingerprint");
        Run aus = kizuna("federate", "add", "--data", data.toString(), "aus-1", "--nation", "AUS", "--ca",
                usaCa.toString());
        assertThat(aus.exit()).as(aus.err()).isZero();

        Path yaml = Files.writeString(dir.resolve("kizuna.yaml"), "node: {id: jpn-1, nation: JPN}\n");
        FederationConfig fed = NodeConfigLoader.load(yaml, data).federation();
        assertThat(fed.partners()).extracting(Partner::nodeId).containsExactly("usa-1", "aus-1");
        Partner usa = fed.partners().get(0);
        assertThat(usa.dial()).isEqualTo(new Partner.Address("tak.example.us", 9001));
        assertThat(usa.outboundGroups()).containsExactlyInAnyOrder(new Group("Coalition"), new Group("Liaison"));
        assertThat(usa.caFile()).isEqualTo(PartnersFile.trustDir(data).resolve("usa-1.pem"));
        assertThat(fed.partners().get(1).dial()).isNull();
    }

    @Test
    void aPartnerIsNotSilentlyReplacedAndBadInputIsOneLine() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path ca = Files.writeString(dir.resolve("ca.pem"), Pem.encodeCertificates(List.of(
                CertificateAuthority.create("CA", Duration.ofDays(30)).certificate())));
        assertThat(kizuna("federate", "add", "--data", data.toString(), "usa-1", "--nation", "USA", "--ca", ca.toString())
                .exit()).isZero();
        Run again = kizuna("federate", "add", "--data", data.toString(), "usa-1", "--nation", "USA", "--ca", ca.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already has a CA");
        Run badNation = kizuna("federate", "add", "--data", data.toString(), "aus-1", "--nation", "Australia", "--ca",
                ca.toString());
        assertThat(badNation.exit()).isEqualTo(1);
        assertThat(badNation.err()).contains("alpha-3");
    }

    @Test
    void theCaGoesIntoTheTrustStoreTheNodeConfigurationNames() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path trust = dir.resolve("elsewhere").resolve("partners");
        Path yaml = Files.writeString(dir.resolve("kizuna.yaml"),
                "node: {id: jpn-1, nation: JPN}\nfederation: {partnersDir: '" + trust + "'}\n");
        Path ca = Files.writeString(dir.resolve("ca.pem"), Pem.encodeCertificates(List.of(
                CertificateAuthority.create("USA node CA", Duration.ofDays(30)).certificate())));
        Run add = kizuna("federate", "add", "--data", data.toString(), "--config", yaml.toString(), "usa-1",
                "--nation", "USA", "--ca", ca.toString());
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(trust.resolve("usa-1.pem")).exists();
        assertThat(PartnersFile.trustDir(data).resolve("usa-1.pem")).doesNotExist();
        // and the node started with that configuration finds it
        FederationConfig fed = NodeConfigLoader.load(yaml, data).federation();
        assertThat(fed.partners().get(0).caFile()).isEqualTo(trust.resolve("usa-1.pem"));
        assertThat(fed.storage().dir()).isEqualTo(data.resolve("federation").resolve("links"));
    }

    @Test
    void removeRecordsItFirstTakesThePartnerOutAndTheNodeLeavesItOutEvenFromKizunaYaml() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path ca = Files.writeString(dir.resolve("ca.pem"), Pem.encodeCertificates(List.of(
                CertificateAuthority.create("USA node CA", Duration.ofDays(30)).certificate())));
        assertThat(kizuna("federate", "add", "--data", data.toString(), "usa-1", "--nation", "USA", "--ca", ca.toString())
                .exit()).isZero();
        assertThat(kizuna("federate", "add", "--data", data.toString(), "aus-1", "--nation", "AUS", "--ca", ca.toString())
                .exit()).isZero();
        // kizuna.yaml lists usa-1 as well (with its own copy of the CA)
        Path yaml = Files.writeString(dir.resolve("kizuna.yaml"), "node: {id: jpn-1, nation: JPN}\n"
                + "federation: {partners: {usa-1: {nation: USA, ca: usa-yaml.pem}}}\n");
        Files.copy(ca, PartnersFile.trustDir(data).resolve("usa-yaml.pem"));

        Run remove = kizuna("federate", "remove", "usa-1", "--data", data.toString(), "--config", yaml.toString(),
                "--by", "yamada");

        assertThat(remove.exit()).as(remove.err()).isZero();
        assertThat(remove.out()).contains("Partner usa-1 removed", "still lists usa-1");
        assertThat(Files.readString(PartnersFile.file(data))).doesNotContain("usa-1").contains("aus-1");
        assertThat(PartnersFile.trustDir(data).resolve("usa-1.pem")).doesNotExist();
        assertThat(RemovedPartners.read(data)).containsOnlyKeys("usa-1");
        assertThat(RemovedPartners.read(data).get("usa-1").by()).isEqualTo("yamada");
        assertThat(AuditLines.find(org.kizuna.store.audit.AuditLog.file(data), "partner-removed", "yamada",
                "partner usa-1 removed: certificate CN=usa-1, CA SHA-256 ")).isNotNegative();
        FederationConfig fed = NodeConfigLoader.load(yaml, data).federation();
        assertThat(fed.partners()).extracting(Partner::nodeId).containsExactly("aus-1");

        Run again = kizuna("federate", "remove", "usa-1", "--data", data.toString(), "--config", yaml.toString());
        Run unknown = kizuna("federate", "remove", "nzl-1", "--data", data.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already removed");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no partner 'nzl-1'");
    }

    @Test
    void whenTheAuditRecordCannotBeWrittenNoPartnerIsRemoved() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path ca = Files.writeString(dir.resolve("ca.pem"), Pem.encodeCertificates(List.of(
                CertificateAuthority.create("USA node CA", Duration.ofDays(30)).certificate())));
        assertThat(kizuna("federate", "add", "--data", data.toString(), "usa-1", "--nation", "USA", "--ca", ca.toString())
                .exit()).isZero();
        Path audit = org.kizuna.store.audit.AuditLog.file(data);
        Files.createDirectories(audit.getParent());
        Files.writeString(audit, "a damaged last record\n");

        Run remove = kizuna("federate", "remove", "usa-1", "--data", data.toString());

        assertThat(remove.exit()).isEqualTo(1);
        assertThat(remove.err()).contains("nothing removed");
        assertThat(RemovedPartners.file(data)).doesNotExist();
        assertThat(Files.readString(PartnersFile.file(data))).contains("usa-1");
        assertThat(PartnersFile.trustDir(data).resolve("usa-1.pem")).exists();
    }

    @Test
    void aRemovedPartnerAddedAgainIsTrustedAgain() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path ca = Files.writeString(dir.resolve("ca.pem"), Pem.encodeCertificates(List.of(
                CertificateAuthority.create("USA node CA", Duration.ofDays(30)).certificate())));
        assertThat(kizuna("federate", "add", "--data", data.toString(), "usa-1", "--nation", "USA", "--ca", ca.toString())
                .exit()).isZero();
        assertThat(kizuna("federate", "remove", "usa-1", "--data", data.toString()).exit()).isZero();

        Run add = kizuna("federate", "add", "--data", data.toString(), "usa-1", "--nation", "USA", "--ca", ca.toString());

        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("had been removed");
        assertThat(RemovedPartners.read(data)).isEmpty();
        assertThat(AuditLines.find(org.kizuna.store.audit.AuditLog.file(data), "partner-readmitted", "usa-1")).isNotNegative();
        Path yaml = Files.writeString(dir.resolve("kizuna.yaml"), "node: {id: jpn-1, nation: JPN}\n");
        assertThat(NodeConfigLoader.load(yaml, data).federation().partners()).extracting(Partner::nodeId)
                .containsExactly("usa-1");
    }
}
