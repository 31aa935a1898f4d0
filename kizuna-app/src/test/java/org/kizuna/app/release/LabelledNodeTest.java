package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.config.ConfigException;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.NodePki;
import org.kizuna.server.testing.TestClient;

/**
 * A node started from {@code kizuna.yaml} with a policy: labels from config and from events,
 * clearances by certificate name, a posture rule with an obligation, over real TLS.
 */
class LabelledNodeTest {

    @TempDir
    Path dir;

    private NodeConfig config() throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), """
                policy: JPN
                relToFirst: JPN
                classifications:
                  - {name: TORIATSUKAICHUI, rank: 0, marking: TORIATSUKAI CHUI, portion: TC}
                  - {name: HI, rank: 2, marking: HI, portion: H}
                categories:
                  - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
                """);
        Files.writeString(dir.resolve("rules.yaml"), """
                PEACETIME:
                  - {name: partners-coarse, types: [a], nations: [USA], obligations: {coarsen: 1000}}
                  - {name: home, nations: [JPN]}
                CONTINGENCY:
                  - {name: home, nations: [JPN]}
                """);
        Path yaml = Files.writeString(dir.resolve("kizuna.yaml"), """
                node: {id: jpn-1}
                streaming:
                  tls: {bind: 127.0.0.1, port: 0}
                store: {enabled: false}
                http: {enabled: false}
                groups: {default: [Blue]}
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: {classification: TORIATSUKAICHUI, categories: {Releasable To: [JPN, USA]}}
                clients:
                  jpn-sender: {clearance: {upTo: HI, nation: JPN, categories: {Releasable To: [JPN]}}}
                  jpn-watch: {clearance: {upTo: HI, nation: JPN, categories: {Releasable To: [JPN]}}}
                  usa-lno: {clearance: {upTo: HI, nation: USA, categories: {Releasable To: [USA]}}}
                  jpn-low: {clearance: {upTo: TORIATSUKAICHUI, nation: JPN, categories: {Releasable To: [JPN]}}}
                """);
        NodePki pki = NodePki.in(dir);
        pki.init("jpn-1", List.of("localhost", "127.0.0.1"));
        for (String name : List.of("jpn-sender", "jpn-watch", "usa-lno", "jpn-low")) {
            pki.issueClient(name, null, "127.0.0.1", 8089);
        }
        return NodeConfigLoader.load(yaml, dir);
    }

    private TestClient connect(RunningNode node, String name) throws Exception {
        Path clients = dir.resolve("pki/clients");
        return TestClient.tls(ClientTls.context(clients.resolve(name + ".pem"), clients.resolve(name + ".key.pem"),
                dir.resolve("pki/ca.pem")), node.server().port("tls"));
    }

    @Test
    void eachClientGetsWhatItsClearanceAndThePostureAllow() throws Exception {
        try (RunningNode node = RunningNode.start(config());
             TestClient sender = connect(node, "jpn-sender");
             TestClient watch = connect(node, "jpn-watch");
             TestClient lno = connect(node, "usa-lno");
             TestClient low = connect(node, "jpn-low")) {
            awaitSessions(node, 4);
            // labelled by the sender: HI, Japan only
            sender.send(Events.marker("MARKER-HI", Duration.ofHours(1)).toBuilder().access("HI").releasableTo("JPN").build());
            // unlabelled: the node's default label, releasable to Japan and the U.S.
            CotEvent pli = Events.pli("ANDROID-S", "SENDER");
            sender.send(pli);

            CotEvent exact = watch.awaitUid("ANDROID-S");
            assertThat(exact.point()).isEqualTo(pli.point());
            assertThat(exact.access()).isEqualTo("TORIATSUKAI CHUI");
            assertThat(exact.releasableTo()).isEqualTo("JPN, USA");
            assertThat(watch.awaitUid("MARKER-HI").access()).isEqualTo("HI");

            CotEvent coarse = lno.awaitUid("ANDROID-S");
            assertThat(coarse.point().ce()).isGreaterThanOrEqualTo(1000);
            assertThat(coarse.point()).isNotEqualTo(pli.point());
            // the PLI went after the marker on the same connection: had the marker been released, it is here by now
            lno.assertNothing(e -> e.uid().equals("MARKER-HI"), Duration.ZERO);

            low.awaitUid("ANDROID-S");
            low.assertNothing(e -> e.uid().equals("MARKER-HI"), Duration.ZERO);
            // the marker was denied to both; a client whose connect had not yet sent it the picture
            // when the marker was routed is denied it a second time from the picture
            assertThat(node.server().metrics().count("kizuna.deliveries.dropped", "release-denied")).isBetween(2.0, 4.0);
        }
    }

    /**
     * Each object's first release to each recipient is audited once, not each update; a denied
     * recipient has no release record. Closing the node flushes the audit queue.
     */
    @Test
    void theFirstReleaseOfEachObjectToEachRecipientIsAuditedOnce() throws Exception {
        try (RunningNode node = RunningNode.start(config());
             TestClient sender = connect(node, "jpn-sender");
             TestClient watch = connect(node, "jpn-watch");
             TestClient lno = connect(node, "usa-lno")) {
            awaitSessions(node, 3);
            for (int i = 0; i < 5; i++) {
                sender.send(Events.pli("ANDROID-S", "SENDER"));
            }
            sender.send(Events.marker("MARKER-HI", Duration.ofHours(1)).toBuilder().access("HI").releasableTo("JPN").build());
            sender.send(Events.pli("ANDROID-LAST", "LAST"));
            watch.awaitUid("ANDROID-LAST");
            lno.awaitUid("ANDROID-LAST");
        }
        List<String> records = Files.readAllLines(org.kizuna.store.audit.AuditLog.file(dir));
        assertThat(records.stream().filter(l -> l.contains("\tfirst-release\t") && l.contains("ANDROID-S ("))
                .map(l -> l.substring(l.indexOf(" to ") + 4).split("\t")[0]).toList())
                .containsExactlyInAnyOrder("jpn-watch", "usa-lno with coarsen 1000 m");
        assertThat(records.stream().filter(l -> l.contains("\tfirst-release\t") && l.contains("MARKER-HI ("))
                .map(l -> l.substring(l.indexOf(" to ") + 4).split("\t")[0]).toList())
                .containsExactly("jpn-watch");
        assertThat(org.kizuna.store.audit.AuditVerifier.verify(org.kizuna.store.audit.AuditLog.file(dir), auditKey(dir)).intact())
                .isTrue();
    }

    @Test
    void aLabelAboveTheSendersClearanceIsRefused() throws Exception {
        try (RunningNode node = RunningNode.start(config());
             TestClient low = connect(node, "jpn-low");
             TestClient watch = connect(node, "jpn-watch")) {
            awaitSessions(node, 2);
            low.send(Events.marker("MARKER-HI", Duration.ofHours(1)).toBuilder().access("HI").releasableTo("JPN").build());
            low.send(Events.marker("MARKER-OK", Duration.ofHours(1)));
            watch.awaitUid("MARKER-OK");
            watch.assertNothing(e -> e.uid().equals("MARKER-HI"), Duration.ZERO);
            assertThat(node.server().metrics().count("kizuna.events.rejected", "label-above-clearance")).isEqualTo(1);
        }
    }

    @Test
    void aPostureApprovedWithTheCommandsTakesEffectOnTheRunningNode() throws Exception {
        try (RunningNode node = RunningNode.start(config());
             TestClient sender = connect(node, "jpn-sender");
             TestClient watch = connect(node, "jpn-watch");
             TestClient lno = connect(node, "usa-lno")) {
            awaitSessions(node, 3);
            sender.send(Events.pli("ANDROID-S", "SENDER"));
            lno.awaitUid("ANDROID-S");
            assertThat(node.release().posture().orElseThrow().version()).isEqualTo(1);

            String data = dir.toString();
            picocli.CommandLine cli = new picocli.CommandLine(new org.kizuna.app.Kizuna());
            assertThat(cli.execute("posture", "request", "CONTINGENCY", "--by", "alice", "--data", data)).isZero();
            assertThat(cli.execute("posture", "approve", "--by", "bob", "--data", data)).isZero();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.release().posture().orElseThrow().version() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(node.release().posture().orElseThrow().posture().name()).isEqualTo("CONTINGENCY");
            // tightening retracts: the U.S. liaison may no longer hold the position it was sent
            CotEvent retraction = lno.await(e -> e.type().value().equals("t-x-d-d")
                    && e.detail().links().stream().anyMatch(l -> l.uid().orElse("").equals("ANDROID-S")));
            assertThat(retraction.detail().unknown()).contains("<__forcedelete/>");
            watch.assertNothing(e -> e.type().value().equals("t-x-d-d") && e.uid().startsWith("retract-"), Duration.ZERO);

            double denied = node.server().metrics().count("kizuna.deliveries.dropped", "release-denied");
            sender.send(Events.pli("ANDROID-S2", "SENDER2"));
            sender.send(Events.marker("FENCE", Duration.ofHours(1)));
            watch.awaitUid("ANDROID-S2");
            watch.awaitUid("FENCE");
            // CONTINGENCY has no rule for U.S. recipients: both went to the Japanese desk only. The
            // router may hand FENCE to the desk before it reaches the liaison in its loop, so the
            // second denial is waited for rather than assumed.
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.server().metrics().count("kizuna.deliveries.dropped", "release-denied") < denied + 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(node.server().metrics().count("kizuna.deliveries.dropped", "release-denied")).isEqualTo(denied + 2);
            // the posture steps, the retraction and the guard's new decisions, in one intact chain
            Path audit = org.kizuna.store.audit.AuditLog.file(dir);
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Files.readAllLines(audit).stream().noneMatch(l -> l.contains("\tretracted\t"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(org.kizuna.store.audit.AuditVerifier.verify(audit, auditKey(dir)).intact()).isTrue();
            List<String> records = Files.readAllLines(audit);
            assertThat(records).anyMatch(l -> l.contains("\tposture-requested\talice\tCONTINGENCY"))
                    .anyMatch(l -> l.contains("\tposture-approved\tbob\tCONTINGENCY"))
                    .anyMatch(l -> l.contains("\tretracted\tnode\tANDROID-S from usa-lno"))
                    .anyMatch(l -> l.contains("\trelease-permitted\t") && l.contains("USA") && l.contains("PEACETIME v1"))
                    .anyMatch(l -> l.contains("\trelease-denied\t") && l.contains("CONTINGENCY v2: no rule covers it"));
        }
    }

    @Test
    void aBrokenPolicySettingNamesItsKey() throws Exception {
        NodeConfig ok = config();
        Files.writeString(dir.resolve("kizuna.yaml"), Files.readString(dir.resolve("kizuna.yaml"))
                .replace("upTo: TORIATSUKAICHUI", "upTo: COSMIC"));
        NodeConfig broken = NodeConfigLoader.load(dir.resolve("kizuna.yaml"), dir);
        assertThat(ok.policy().enabled()).isTrue();
        assertThatThrownBy(() -> NodeRelease.from(broken, java.time.Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("clients.jpn-low.clearance.upTo");
    }

    private static void awaitSessions(RunningNode node, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (node.server().sessions().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(node.server().sessions().size()).isEqualTo(n);
    }

    static org.kizuna.store.audit.AuditKey auditKey(Path dataDir) throws java.io.IOException {
        return org.kizuna.store.audit.AuditKey.load(org.kizuna.store.audit.AuditKey.defaultFile(dataDir));
    }
}
