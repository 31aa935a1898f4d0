package org.kizuna.federation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.federation.InboundLabelling;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.core.federation.Release;
import org.kizuna.core.testing.Events;
import org.kizuna.federation.testing.FederatedNode;
import org.kizuna.server.testing.TestClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.federation.testing.FederatedNode.eventually;

/**
 * The release seam decides what leaves for a partner and the labelling seam what comes in; labels
 * travel as opaque bytes; refusals and failures are counted, never silent.
 */
class ReleaseSeamTest {

    @TempDir
    Path dir;

    @Test
    void refusedEventsStayHomeAndAFailingGuardBreaksNothingLocal() throws Exception {
        PartnerRelease guard = (routed, partner) -> {
            org.kizuna.cot.CotEvent event = routed.event();
            if (event.uid().startsWith("secret")) {
                return Release.refuse("not-releasable");
            }
            if (event.uid().startsWith("boom")) {
                throw new IllegalStateException("guard bug");
            }
            return Release.permit(routed, new byte[] {1}, java.util.Map.of("NATO", new byte[] {2}));
        };
        try (FederatedNode jpn = new FederatedNode(dir, "jpn-1", "JPN");
             FederatedNode usa = new FederatedNode(dir, "usa-1", "USA")) {
            jpn.federate(List.of(usa.asPartner(false)), FederatedNode.TEST_LINK, guard);
            java.util.Map<String, String> labels = new java.util.concurrent.ConcurrentHashMap<>();
            InboundLabelling recording = (event, partner, label, alternatives) -> {
                labels.put(event.uid(), java.util.Arrays.toString(label) + " " + java.util.Arrays.toString(alternatives.get("NATO")));
                return event.uid().endsWith("open-2") ? InboundLabelling.Admission.refuse("no-mapping")
                        : InboundLabelling.Admission.accept(event);
            };
            usa.federate(List.of(jpn.asPartner(true)), FederatedNode.TEST_LINK, PartnerRelease.PERMIT_ALL, recording,
                    usa.pki().serverFiles());
            try (TestClient tanaka = jpn.connect("tanaka"); TestClient sato = jpn.connect("sato");
                 TestClient smith = usa.connect("smith")) {
                tanaka.send(Events.marker("secret-1", Duration.ofMinutes(5)));
                tanaka.send(Events.marker("boom-1", Duration.ofMinutes(5)));
                tanaka.send(Events.marker("open-1", Duration.ofMinutes(5)));
                sato.awaitUid("secret-1");
                sato.awaitUid("boom-1");
                smith.awaitUid("jpn-1:open-1");
                assertThat(smith.receivedSoFar()).noneMatch(e -> e.uid().contains("secret") || e.uid().contains("boom"));
                assertThat(labels.get("jpn-1:open-1")).isEqualTo("[1] [2]");
                // The sender stays connected: the guard's failure did not reach its session.
                tanaka.send(Events.marker("open-2", Duration.ofMinutes(5)));
                tanaka.send(Events.marker("open-3", Duration.ofMinutes(5)));
                smith.awaitUid("jpn-1:open-3");
                assertThat(smith.receivedSoFar()).noneMatch(e -> e.uid().equals("jpn-1:open-2"));
                assertThat(usa.federation().metrics().count("kizuna.federation.inbound.refused", "jpn-1", "no-mapping"))
                        .isEqualTo(1);
            }
            FederationMetrics m = jpn.federation().metrics();
            eventually("refusal and failure counted", () -> m.count("kizuna.federation.outbound.dropped", "usa-1",
                    "not-releasable") == 1 && m.count("kizuna.federation.outbound.dropped", "usa-1", "error") == 1);
        }
    }
}
