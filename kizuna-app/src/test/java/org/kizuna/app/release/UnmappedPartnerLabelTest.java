package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.release.Nations.eventually;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.testing.Events;
import org.kizuna.federation.FederationMetrics;
import org.kizuna.server.testing.TestClient;

/**
 * Two real nodes whose policies know nothing of each other: India releases its event to Japan
 * under its own policy (Japan's accreditation there is written in India's terms), and Japan,
 * with no equivalence to India's policy, refuses it (counted) rather than guess what it means.
 */
class UnmappedPartnerLabelTest {

    private static final String IND_POLICY = """
            policy: IND
            relToFirst: IND
            classifications:
              - {name: RESTRICTED, rank: 0, marking: RESTRICTED, portion: R}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
            """;

    @TempDir
    Path dir;

    @Test
    void anInboundLabelWithoutAMappingIsRefusedAndCounted() throws Exception {
        Nations.pki(dir, "jpn-1", "tanaka");
        Nations.pki(dir, "ind-1", "singh");
        Nations.trust(dir, "jpn-1", "ind-1");
        Nations.trust(dir, "ind-1", "jpn-1");
        try (RunningNode jpn = Nations.start(dir, "jpn-1", "JPN", Nations.JPN_POLICY, "PEACETIME:\n  - {name: all}\n", """
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: {classification: TORIATSUKAICHUI, categories: {Releasable To: [JPN, IND]}}
                  clearance: {upTo: KIMITSU, nation: JPN, categories: {Releasable To: [JPN]}}
                  accreditations:
                    IND: {upTo: HI, nation: IND, categories: {Releasable To: [IND]}}
                federation:
                  bind: 127.0.0.1
                  port: 0
                  partners:
                    ind-1: {nation: IND}
                """);
             RunningNode ind = Nations.start(dir, "ind-1", "IND", IND_POLICY, "PEACETIME:\n  - {name: all}\n", """
                     policy:
                       file: policy.yaml
                       rules: rules.yaml
                       label: {classification: RESTRICTED, categories: {Releasable To: [IND, JPN]}}
                       clearance: {upTo: RESTRICTED, nation: IND, categories: {Releasable To: [IND]}}
                       accreditations:
                         JPN: {upTo: RESTRICTED, nation: JPN, categories: {Releasable To: [JPN]}}
                     federation:
                       listen: false
                       partners:
                         jpn-1: {nation: JPN, dial: "127.0.0.1:%d"}
                     """.formatted(jpn.federation().orElseThrow().port()))) {
            Nations.awaitActive(ind, "jpn-1");
            try (TestClient tanaka = Nations.connect(dir, jpn, "tanaka");
                 TestClient singh = Nations.connect(dir, ind, "singh")) {
                Nations.awaitSessions(jpn, 1);
                Nations.awaitSessions(ind, 1);
                singh.send(Events.pli("ANDROID-SINGH", "SINGH"));
                FederationMetrics m = jpn.federation().orElseThrow().metrics();
                eventually(() -> m.count("kizuna.federation.inbound.refused", "ind-1", "no-label-mapping") == 1,
                        "Japan refuses India's label it cannot map");
                assertThat(m.count("kizuna.federation.events.in", "ind-1")).isZero();
                tanaka.assertNothing(e -> e.uid().startsWith("ind-1:"), Duration.ZERO);
                // Japan's own event goes the other way: India's node reads Japan's label no better
                tanaka.send(Events.pli("ANDROID-TANAKA", "TANAKA"));
                FederationMetrics mi = ind.federation().orElseThrow().metrics();
                eventually(() -> mi.count("kizuna.federation.inbound.refused", "jpn-1", "no-label-mapping") == 1,
                        "India refuses Japan's label it cannot map");
            }
        }
    }
}
