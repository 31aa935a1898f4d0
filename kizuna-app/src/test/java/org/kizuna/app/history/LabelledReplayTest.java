package org.kizuna.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.Kizuna;
import org.kizuna.app.config.HistoryConfig;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Point;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.policy.cot.EventLabels;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.spec.PolicyYaml;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.WriteBatch;
import org.kizuna.store.audit.AuditLog;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import picocli.CommandLine;

/**
 * A replay leaves the node like any delivery: for the recipient it goes to, through group
 * reachability and the release guard under the posture in force, shaped by the obligations,
 * and audited as a first release.
 */
class LabelledReplayTest {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static final String POLICY = """
            policy: JPN
            relToFirst: JPN
            classifications:
              - {name: TORIATSUKAICHUI, rank: 0, marking: TORIATSUKAI CHUI, portion: TC}
              - {name: HI, rank: 2, marking: HI, portion: H}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
            """;

    @TempDir
    Path data;

    @Test
    void aReplayReleasesToItsRecipientOnlyWhatTheGuardWouldAndShapesIt() throws Exception {
        Files.writeString(data.resolve("policy.yaml"), POLICY);
        Files.writeString(data.resolve("rules.yaml"), """
                PEACETIME:
                  - {name: partners-coarse, types: [a], nations: [USA], obligations: {coarsen: 1000}}
                  - {name: home, nations: [JPN]}
                """);
        Path config = Files.writeString(data.resolve("kizuna.yaml"), """
                node: {id: jpn-1, nation: JPN}
                groups: {default: [Blue]}
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: {classification: TORIATSUKAICHUI, categories: {Releasable To: [JPN, USA]}}
                clients:
                  usa-lno: {clearance: {upTo: HI, nation: USA, categories: {Releasable To: [USA]}}}
                """);
        EventLabels labels = new EventLabels(PolicyYaml.parse(POLICY));
        try (JdbcHistoryStore store = JdbcHistoryStore.open(StoreSettings.h2(HistoryConfig.historyDir(data)),
                Clock.systemUTC(), false)) {
            store.write(WriteBatch.ofEvents(List.of(
                    stored(labels, "SHARED-1", T0, "JPN", "USA"),
                    stored(labels, "NATIONAL-1", T0.plusMillis(10), "JPN"))));
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (ServerSocket target = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> HistoryCommandsTest.readAll(target));
            int exit = new CommandLine(new Kizuna()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute("replay", "--data", data.toString(), "--config", config.toString(), "--from", T0.toString(),
                            "--to", T0.plusSeconds(10).toString(), "--speed", "100", "--as", "usa-lno",
                            "--target", "127.0.0.1:" + target.getLocalPort());
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("replayed 1 events", "as usa-lno", "1 withheld by the release boundary");

            List<CotEvent> events = new ArrayList<>();
            CotXmlReader reader = new CotXmlReader(CotLimits.DEFAULTS);
            for (String frame : new String(received.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)
                    .split("(?<=</event>)")) {
                if (!frame.isBlank()) {
                    events.add(reader.read(frame.getBytes(StandardCharsets.UTF_8)));
                }
            }
            assertThat(events).extracting(CotEvent::uid).containsExactly("SHARED-1");
            assertThat(events.get(0).point().ce()).as("coarsened for a U.S. recipient").isGreaterThanOrEqualTo(1000);
            assertThat(events.get(0).point().lat()).isNotEqualTo(35.681234);
        }
        String audit = Files.readString(AuditLog.file(data));
        assertThat(audit).contains("first-release").contains("SHARED-1").contains("usa-lno").doesNotContain("NATIONAL-1\t");
    }

    private static StoredEvent stored(EventLabels labels, String uid, Instant at, String... relTo) {
        CotEvent e = CotEvent.builder(uid, "a-f-G-U-C").times(at, at.plusSeconds(60))
                .point(new Point(35.681234, 139.761234, 10, 5, 5)).build();
        CotEvent labelled = labels.write(e, LabelSet.of(SecurityLabel.of("JPN", "HI",
                Category.of("Releasable To", CategoryType.PERMISSIVE, relTo))));
        return StoredEvent.of(labelled, "jpn-sender", Set.of("Blue"), false, at);
    }
}
