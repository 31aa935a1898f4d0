package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.release.Nations.awaitActive;
import static org.kizuna.app.release.Nations.awaitSessions;
import static org.kizuna.app.release.Nations.eventually;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.Kizuna;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Point;
import org.kizuna.federation.Federation;
import org.kizuna.federation.FederationMetrics;
import org.kizuna.federation.link.LinkState;
import org.kizuna.federation.testing.CuttingProxy;
import org.kizuna.server.testing.TestClient;
import picocli.CommandLine;

/**
 * Markers queued for a partner while the link is cut were released under the posture of that
 * moment; the posture tightens before the link comes back. What leaves when it resumes is
 * decided under the posture in force then: the marker it denies and the one it would now coarsen
 * are withdrawn (never sent, counted as {@code release-withdrawn}), and what it still releases
 * follows them across.
 */
class QueuedReleaseTest {

    private static final String JPN_RULES = """
            PEACETIME:
              - {name: partners-markers, types: [b-m], nations: [USA]}
              - {name: home, nations: [JPN]}
            GRAY_ZONE:
              - {name: partners-waypoints, types: [b-m-p-w], nations: [USA]}
              - {name: partners-checkpoints-coarse, types: [b-m-p-c], nations: [USA], obligations: {coarsen: 1000}}
              - {name: home, nations: [JPN]}
            """;

    @TempDir
    Path dir;

    private RunningNode jpn;
    private RunningNode usa;
    private CuttingProxy proxy;

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
        proxy = new CuttingProxy(jpn.federation().orElseThrow().port());
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
                  link: {backoffInitial: 20ms, backoffMax: 200ms}
                  partners:
                    jpn-1: {nation: JPN, dial: "127.0.0.1:%d"}
                """.formatted(proxy.port()));
        awaitActive(jpn, "usa-1");
        awaitActive(usa, "jpn-1");
    }

    @AfterEach
    void stop() throws Exception {
        for (RunningNode n : new RunningNode[] {usa, jpn}) {
            if (n != null) {
                n.close();
            }
        }
        proxy.close();
    }

    @Test
    void markersQueuedDuringACutAreWithdrawnWhenThePostureTightenedBeforeTheLinkResumes() throws Exception {
        Federation federation = jpn.federation().orElseThrow();
        try (TestClient tanaka = Nations.connect(dir, jpn, "tanaka"); TestClient smith = Nations.connect(dir, usa, "smith")) {
            awaitSessions(jpn, 1);
            awaitSessions(usa, 1);
            tanaka.send(Events.marker("WARM-UP", Duration.ofHours(1)));
            smith.await(e -> e.uid().equals("jpn-1:WARM-UP"), Duration.ofSeconds(10));
            eventually(() -> federation.backlog("usa-1") == 0, "the warm-up acknowledged");

            proxy.down();
            eventually(() -> federation.state("usa-1") == LinkState.WAITING, "the link is cut");
            tanaka.send(Events.marker("M-SPOT", Duration.ofHours(1)));
            tanaka.send(marker("M-CHECKPOINT", "b-m-p-c"));
            eventually(() -> federation.backlog("usa-1") == 2, "both markers released and queued under PEACETIME");
            posture(jpn, "GRAY_ZONE");
            tanaka.send(marker("FENCE", "b-m-p-w-GOTO"));
            proxy.up();

            smith.await(e -> e.uid().equals("jpn-1:FENCE"), Duration.ofSeconds(20));
            // The checkpoint the posture change re-offered as now shaped arrives coarsened; the
            // exact copy queued before the change never does, nor the marker now denied.
            CotEvent checkpoint = smith.await(e -> e.uid().equals("jpn-1:M-CHECKPOINT"), Duration.ofSeconds(20));
            assertThat(checkpoint.point().ce()).isGreaterThanOrEqualTo(1000);
            smith.assertNothing(e -> e.uid().equals("jpn-1:M-SPOT")
                    || (e.uid().equals("jpn-1:M-CHECKPOINT") && e.point().ce() < 1000), Duration.ZERO);
        }
        FederationMetrics m = federation.metrics();
        assertThat(m.count("kizuna.federation.outbound.dropped", "usa-1", "release-withdrawn"))
                .as("the denied marker and the one now released only coarsened").isEqualTo(2);
        assertThat(usa.server().picture().get("jpn-1:M-SPOT")).isNull();
        assertThat(usa.server().picture().get("jpn-1:M-CHECKPOINT").routed().event().point().ce())
                .isGreaterThanOrEqualTo(1000);
    }

    private static CotEvent marker(String uid, String type) {
        CotEvent m = Events.marker(uid, Duration.ofHours(1));
        Instant now = Instant.now();
        return m.toBuilder().type(org.kizuna.cot.CotType.of(type)).times(now, now.plus(Duration.ofHours(1))).point(Point.of(35.6812, 139.7671))
                .build();
    }

    private void posture(RunningNode node, String name) throws Exception {
        String data = node.config().dataDir().toString();
        long before = node.release().posture().orElseThrow().version();
        CommandLine cli = new CommandLine(new Kizuna());
        assertThat(cli.execute("posture", "request", name, "--by", "alice", "--data", data)).isZero();
        assertThat(cli.execute("posture", "approve", "--by", "bob", "--data", data)).isZero();
        eventually(() -> node.release().posture().orElseThrow().version() > before, "posture " + name + " in force");
    }
}
