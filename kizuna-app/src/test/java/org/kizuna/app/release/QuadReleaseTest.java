package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.release.Nations.awaitActive;
import static org.kizuna.app.release.Nations.awaitSessions;
import static org.kizuna.app.release.Nations.connect;
import static org.kizuna.app.release.Nations.eventually;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.Kizuna;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.federation.FederationMetrics;
import org.kizuna.server.testing.TestClient;
import org.kizuna.store.audit.AuditLog;
import org.kizuna.store.audit.AuditVerifier;
import picocli.CommandLine;

/**
 * Japan, the United States and Australia, each a node started from its own {@code kizuna.yaml}
 * with its own policy, linked in a triangle over mutual TLS on loopback. What Japan releases to
 * each partner is decided by Japan's guard with the partner's accreditation under Japan's
 * posture; each partner reads it under its own policy.
 */
class QuadReleaseTest {

    private static final String JPN_RULES = """
            PEACETIME:
              - {name: partners-coarse, types: [a], nations: [USA, AUS], obligations: {coarsen: 1000}}
              - {name: home, nations: [JPN]}
            GRAY_ZONE:
              - {name: home, nations: [JPN]}
            """;
    private static final String OPEN_RULES = """
            PEACETIME:
              - {name: all}
            """;

    @TempDir
    Path dir;

    private RunningNode jpn;
    private RunningNode usa;
    private RunningNode aus;

    @BeforeEach
    void startTheTriangle() throws Exception {
        Nations.pki(dir, "jpn-1", "tanaka");
        Nations.pki(dir, "usa-1", "smith");
        Nations.pki(dir, "aus-1", "jones");
        for (String[] pair : List.of(new String[] {"jpn-1", "usa-1"}, new String[] {"jpn-1", "aus-1"},
                new String[] {"usa-1", "aus-1"})) {
            Nations.trust(dir, pair[0], pair[1]);
            Nations.trust(dir, pair[1], pair[0]);
        }
        jpn = Nations.start(dir, "jpn-1", "JPN", Nations.JPN_POLICY, JPN_RULES, """
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: {classification: TORIATSUKAICHUI, categories: {Releasable To: [JPN, USA]}}
                  clearance: {upTo: KIMITSU, nation: JPN, categories: {Releasable To: [JPN], Special: [ALPHA, BRAVO]}}
                  accreditations:
                    USA: {upTo: HI, nation: USA, categories: {Releasable To: [USA]}}
                    AUS: {upTo: HI, nation: AUS, categories: {Releasable To: [AUS]}}
                federation:
                  bind: 127.0.0.1
                  port: 0
                  partners:
                    usa-1: {nation: USA}
                    aus-1: {nation: AUS}
                """);
        int jpnPort = jpn.federation().orElseThrow().port();
        usa = Nations.start(dir, "usa-1", "USA", western("USA", "AUS"), OPEN_RULES, """
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: {classification: CONFIDENTIAL, categories: {Releasable To: [USA, JPN, AUS]}}
                  clearance: {upTo: SECRET, nation: USA, categories: {Releasable To: [USA]}}
                  accreditations:
                    JPN: {upTo: SECRET, nation: JPN, categories: {Releasable To: [JPN]}}
                    AUS: {upTo: SECRET, nation: AUS, categories: {Releasable To: [AUS]}}
                federation:
                  bind: 127.0.0.1
                  port: 0
                  partners:
                    jpn-1: {nation: JPN, dial: "127.0.0.1:%d"}
                    aus-1: {nation: AUS}
                """.formatted(jpnPort));
        int usaPort = usa.federation().orElseThrow().port();
        aus = Nations.start(dir, "aus-1", "AUS", western("AUS", "USA"), OPEN_RULES, """
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: {classification: CONFIDENTIAL, categories: {Releasable To: [AUS, JPN, USA]}}
                  clearance: {upTo: SECRET, nation: AUS, categories: {Releasable To: [AUS]}}
                  accreditations:
                    JPN: {upTo: SECRET, nation: JPN, categories: {Releasable To: [JPN]}}
                    USA: {upTo: SECRET, nation: USA, categories: {Releasable To: [USA]}}
                federation:
                  listen: false
                  partners:
                    jpn-1: {nation: JPN, dial: "127.0.0.1:%d"}
                    usa-1: {nation: USA, dial: "127.0.0.1:%d"}
                """.formatted(jpnPort, usaPort));
        awaitActive(jpn, "usa-1", "aus-1");
        awaitActive(usa, "jpn-1", "aus-1");
        awaitActive(aus, "jpn-1", "usa-1");
    }

    @AfterEach
    void stop() {
        for (RunningNode n : new RunningNode[] {aus, usa, jpn}) {
            if (n != null) {
                n.close();
            }
        }
    }

    private static String western(String id, String other) {
        return Nations.WESTERN_POLICY.replace("$ID", id).replace("$OTHER", other);
    }

    @Test
    void australiaReceivesOnlyWhatJapanReleasesToAustralia() throws Exception {
        try (TestClient tanaka = connect(dir, jpn, "tanaka");
             TestClient smith = connect(dir, usa, "smith");
             TestClient jones = connect(dir, aus, "jones")) {
            awaitSessions(jpn, 1);
            awaitSessions(usa, 1);
            awaitSessions(aus, 1);
            // the node's default label: releasable to Japan and the U.S.
            CotEvent bilateral = Events.pli("ANDROID-BILAT", "BILAT");
            tanaka.send(bilateral);
            // KIMITSU has no equivalent under the partners' policies: no mapping, never released
            tanaka.send(Events.pli("ANDROID-KIMITSU", "KIMITSU").toBuilder().access("KIMITSU")
                    .releasableTo("JPN, USA, AUS").build());
            CotEvent quad = Events.pli("ANDROID-QUAD", "QUAD").toBuilder().access("TORIATSUKAI CHUI")
                    .releasableTo("JPN, USA, AUS").build();
            tanaka.send(quad);

            CotEvent atAus = jones.awaitUid("jpn-1:ANDROID-QUAD");
            assertThat(atAus.point().ce()).isGreaterThanOrEqualTo(1000);
            assertThat(atAus.point().lat()).isNotEqualTo(quad.point().lat());
            // read under Australia's policy; Japan's originator label travels beside it, unchanged
            assertThat(atAus.access()).isEqualTo("CONFIDENTIAL");
            String seclabel = atAus.detail().unknown().stream().filter(e -> e.startsWith("<__seclabel")).findFirst()
                    .orElseThrow();
            assertThat(seclabel).contains("<originatorConfidentialityLabel", "<PolicyIdentifier>JPN</PolicyIdentifier>",
                    "<Classification>TORIATSUKAICHUI</Classification>", "<PolicyIdentifier>AUS</PolicyIdentifier>");
            // both went before the releasable one, on one connection and one link: had they left Japan, they were here
            jones.assertNothing(e -> e.uid().equals("jpn-1:ANDROID-BILAT") || e.uid().equals("jpn-1:ANDROID-KIMITSU"),
                    Duration.ZERO);

            CotEvent atUsa = smith.awaitUid("jpn-1:ANDROID-BILAT");
            assertThat(atUsa.point().ce()).isGreaterThanOrEqualTo(1000);
            assertThat(atUsa.releasableTo()).isEqualTo("USA, JPN");
            smith.awaitUid("jpn-1:ANDROID-QUAD");
            smith.assertNothing(e -> e.uid().equals("jpn-1:ANDROID-KIMITSU"), Duration.ZERO);

            FederationMetrics m = jpn.federation().orElseThrow().metrics();
            assertThat(m.count("kizuna.federation.outbound.dropped", "aus-1", "release-denied")).isEqualTo(2);
            assertThat(m.count("kizuna.federation.outbound.dropped", "usa-1", "release-denied")).isEqualTo(1);
            // denials to a partner are audited as for clients: once per label, accreditation and posture
            Path jpnAudit = AuditLog.file(dir.resolve("jpn-1"));
            eventually(() -> lines(jpnAudit).stream().anyMatch(l -> l.contains("\trelease-denied\t")
                    && l.contains("JPN:TORIATSUKAICHUI Releasable To=[JPN, USA] to [AUS AUS:")),
                    "Japan's audit log records the denial to Australia");
            // nothing reached either partner that its own accreditation of Japan had to refuse
            assertThat(usa.federation().orElseThrow().metrics().count("kizuna.federation.inbound.refused", "jpn-1",
                    "label-above-accreditation")).isZero();
        }
    }

    @Test
    void aTighteningInJapanRetractsFromTheUsClientAndALooseningOffersItAgain() throws Exception {
        try (TestClient tanaka = connect(dir, jpn, "tanaka");
             TestClient smith = connect(dir, usa, "smith");
             TestClient jones = connect(dir, aus, "jones")) {
            awaitSessions(jpn, 1);
            awaitSessions(usa, 1);
            awaitSessions(aus, 1);
            tanaka.send(Events.pli("ANDROID-BILAT", "BILAT"));
            tanaka.send(Events.pli("ANDROID-QUAD", "QUAD").toBuilder().access("TORIATSUKAI CHUI")
                    .releasableTo("JPN, USA, AUS").build());
            smith.awaitUid("jpn-1:ANDROID-BILAT");
            smith.awaitUid("jpn-1:ANDROID-QUAD");
            jones.awaitUid("jpn-1:ANDROID-QUAD");

            posture(jpn, "GRAY_ZONE");
            CotEvent retraction = smith.await(e -> isForcedDeleteOf(e, "jpn-1:ANDROID-BILAT"));
            assertThat(retraction.detail().unknown()).contains("<__forcedelete/>");
            smith.await(e -> isForcedDeleteOf(e, "jpn-1:ANDROID-QUAD"));
            jones.await(e -> isForcedDeleteOf(e, "jpn-1:ANDROID-QUAD"));
            eventually(() -> usa.server().picture().get("jpn-1:ANDROID-BILAT") == null, "gone from the U.S. picture");

            Path jpnAudit = AuditLog.file(dir.resolve("jpn-1"));
            Path usaAudit = AuditLog.file(dir.resolve("usa-1"));
            eventually(() -> lines(usaAudit).stream().anyMatch(l -> l.contains("\tretraction-received\tjpn-1\t"
                    + "jpn-1:ANDROID-BILAT")), "the U.S. node records the retraction it received");
            assertThat(lines(jpnAudit))
                    .anyMatch(l -> l.contains("\tretracted\tnode\tANDROID-BILAT from partner usa-1 (posture GRAY_ZONE"))
                    .anyMatch(l -> l.contains("\tretracted\tnode\tANDROID-QUAD from partner aus-1"));
            assertThat(AuditVerifier.verify(jpnAudit, LabelledNodeTest.auditKey(dir.resolve("jpn-1"))).intact()).isTrue();
            assertThat(AuditVerifier.verify(usaAudit, LabelledNodeTest.auditKey(dir.resolve("usa-1"))).intact()).isTrue();

            // loosening again: the partner is offered the releasable state once more
            assertThat(smith.receivedSoFar()).noneMatch(e -> e.uid().equals("jpn-1:ANDROID-BILAT"));
            posture(jpn, "PEACETIME");
            smith.await(e -> e.uid().equals("jpn-1:ANDROID-BILAT") && e.type().value().startsWith("a-"));
        }
    }

    private static boolean isForcedDeleteOf(CotEvent e, String uid) {
        return e.type().value().equals("t-x-d-d")
                && e.detail().links().stream().anyMatch(l -> l.uid().orElse("").equals(uid));
    }

    private void posture(RunningNode node, String name) throws Exception {
        String data = node.config().dataDir().toString();
        long before = node.release().posture().orElseThrow().version();
        CommandLine cli = new CommandLine(new Kizuna());
        assertThat(cli.execute("posture", "request", name, "--by", "alice", "--data", data)).isZero();
        assertThat(cli.execute("posture", "approve", "--by", "bob", "--data", data)).isZero();
        eventually(() -> node.release().posture().orElseThrow().version() > before, "posture " + name + " in force");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
