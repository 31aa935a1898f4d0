package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.release.Nations.awaitActive;
import static org.kizuna.app.release.Nations.awaitSessions;
import static org.kizuna.app.release.Nations.eventually;

import java.nio.file.Path;
import java.time.Duration;
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
import picocli.CommandLine;

/**
 * A release rule's delay applies across the link as it does to local clients: the partner gets
 * the event as it was, once the delay has passed, without holding back what follows; and a posture
 * that tightens before it is due withdraws it.
 */
class PartnerDelayTest {

    /**
     * Long enough for the posture test to tighten before the marker is due on a loaded machine:
     * two CLI runs and the node's once-a-second posture poll must fit in it. With 2 s, a 1.9 s
     * stall of the test thread failed that test every time.
     */
    private static final Duration DELAY = Duration.ofSeconds(6);

    private static final String JPN_RULES = """
            PEACETIME:
              - {name: partners-markers-late, types: [b-m], nations: [USA], obligations: {delay: %ds}}
              - {name: partners-positions, types: [a], nations: [USA]}
              - {name: home, nations: [JPN]}
            GRAY_ZONE:
              - {name: home, nations: [JPN]}
            """.formatted(DELAY.toSeconds());

    @TempDir
    Path dir;

    private RunningNode jpn;
    private RunningNode usa;

    @BeforeEach
    void startTwoNations() throws Exception {
        Nations.pki(dir, "jpn-1", "tanaka");
        Nations.pki(dir, "usa-1", "smith");
        Nations.trust(dir, "jpn-1", "usa-1");
        Nations.trust(dir, "usa-1", "jpn-1");
        jpn = Nations.start(dir, "jpn-1", "JPN", Nations.JPN_POLICY, JPN_RULES, """
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: {classification: TORIATSUKAICHUI, categories: {Releasable To: [JPN, USA]}}
                  clearance: {upTo: HI, nation: JPN, categories: {Releasable To: [JPN]}}
                  accreditations:
                    USA: {upTo: HI, nation: USA, categories: {Releasable To: [USA]}}
                federation:
                  bind: 127.0.0.1
                  port: 0
                  partners:
                    usa-1: {nation: USA}
                """);
        usa = Nations.start(dir, "usa-1", "USA", Nations.WESTERN_POLICY.replace("$ID", "USA").replace("$OTHER", "AUS"),
                "PEACETIME:\n  - {name: all}\n", """
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: {classification: CONFIDENTIAL, categories: {Releasable To: [USA, JPN]}}
                  clearance: {upTo: SECRET, nation: USA, categories: {Releasable To: [USA]}}
                  accreditations:
                    JPN: {upTo: SECRET, nation: JPN, categories: {Releasable To: [JPN]}}
                federation:
                  listen: false
                  partners:
                    jpn-1: {nation: JPN, dial: "127.0.0.1:%d"}
                """.formatted(jpn.federation().orElseThrow().port()));
        awaitActive(jpn, "usa-1");
        awaitActive(usa, "jpn-1");
    }

    @AfterEach
    void stop() {
        for (RunningNode n : new RunningNode[] {usa, jpn}) {
            if (n != null) {
                n.close();
            }
        }
    }

    @Test
    void aDelayedMarkerCrossesWhenDueWithoutHoldingBackWhatFollows() throws Exception {
        try (TestClient tanaka = Nations.connect(dir, jpn, "tanaka"); TestClient smith = Nations.connect(dir, usa, "smith")) {
            awaitSessions(jpn, 1);
            awaitSessions(usa, 1);
            CotEvent marker = Events.marker("M-LATE", Duration.ofHours(1));
            long sent = System.nanoTime();
            tanaka.send(marker);
            tanaka.send(Events.pli("ANDROID-T", "TANAKA"));
            // the position sent after the marker crosses first: the held marker blocks nothing
            smith.await(e -> e.uid().equals("jpn-1:ANDROID-T"), Duration.ofSeconds(10));
            assertThat(smith.receivedSoFar()).noneMatch(e -> e.uid().equals("jpn-1:M-LATE"));
            CotEvent late = smith.await(e -> e.uid().equals("jpn-1:M-LATE"), Duration.ofSeconds(10));
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(DELAY);
            // the event as it was (CoT carries milliseconds), not a later state
            assertThat(late.time()).isEqualTo(marker.time().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            FederationMetrics m = jpn.federation().orElseThrow().metrics();
            assertThat(m.count("kizuna.federation.outbound.delayed", "usa-1")).isEqualTo(1);
        }
    }

    @Test
    void aPostureThatTightensBeforeItIsDueWithdrawsTheDelayedRelease() throws Exception {
        try (TestClient tanaka = Nations.connect(dir, jpn, "tanaka"); TestClient smith = Nations.connect(dir, usa, "smith")) {
            awaitSessions(jpn, 1);
            awaitSessions(usa, 1);
            tanaka.send(Events.marker("M-WITHDRAWN", Duration.ofHours(1)));
            FederationMetrics m = jpn.federation().orElseThrow().metrics();
            eventually(() -> m.count("kizuna.federation.outbound.delayed", "usa-1") == 1, "the marker is held back");
            String data = jpn.config().dataDir().toString();
            CommandLine cli = new CommandLine(new Kizuna());
            assertThat(cli.execute("posture", "request", "GRAY_ZONE", "--by", "alice", "--data", data)).isZero();
            assertThat(cli.execute("posture", "approve", "--by", "bob", "--data", data)).isZero();
            eventually(() -> m.count("kizuna.federation.outbound.dropped", "usa-1", "release-withdrawn") == 1,
                    "the held marker is withdrawn when due");
            smith.assertNothing(e -> e.uid().equals("jpn-1:M-WITHDRAWN"), Duration.ZERO);
        }
    }
}
