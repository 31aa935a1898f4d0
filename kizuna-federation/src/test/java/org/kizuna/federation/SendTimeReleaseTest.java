package org.kizuna.federation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.federation.PartnerEdge;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.core.federation.Release;
import org.kizuna.core.federation.ReleaseStamp;
import org.kizuna.core.routing.Provenance;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.federation.link.LinkState;
import org.kizuna.federation.testing.CuttingProxy;
import org.kizuna.federation.testing.FederatedNode;
import org.kizuna.server.testing.TestClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.federation.testing.FederatedNode.eventually;

/**
 * A frame queued for a partner while the link is down waits in the log; the posture tightens
 * before the link comes back. What leaves is decided under the posture of the moment it leaves:
 * the marker the guard no longer releases is withdrawn (never sent, counted), and the chat around
 * it still arrives exactly once and in order. The same holds for a frame restored from the
 * journal after a restart, whose stamp is rebuilt from the frame's own bytes.
 */
class SendTimeReleaseTest {

    private static final String MARKER = "b-m-p-s-m";

    @TempDir
    Path dir;
    private FederatedNode jpn;
    private FederatedNode usa;
    private CuttingProxy proxy;

    /** A posture in miniature: markers are released until it tightens; everything else always. */
    static final class MarkerPosture implements PartnerRelease {
        volatile boolean tight;
        final List<ReleaseStamp> asked = new CopyOnWriteArrayList<>();

        @Override
        public Release decide(RoutedEvent routed, PartnerEdge partner) {
            CotEvent event = routed.event();
            if (tight && event.type().value().equals(MARKER)) {
                return Release.refuse("release-denied");
            }
            return Release.permit(routed, ("label of " + event.uid()).getBytes(StandardCharsets.UTF_8),
                    Map.of("NATO", new byte[] {7}));
        }

        @Override
        public boolean stillReleasable(ReleaseStamp stamp, PartnerEdge partner) {
            asked.add(stamp);
            return !(tight && stamp.type().value().equals(MARKER));
        }
    }

    @BeforeEach
    void nodes() throws Exception {
        jpn = new FederatedNode(dir, "jpn-1", "JPN");
        usa = new FederatedNode(dir, "usa-1", "USA");
    }

    @AfterEach
    void stop() throws Exception {
        usa.close();
        jpn.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aFrameTheTightenedPostureNoLongerReleasesIsWithdrawnWhenItsTurnToBeSentComes() throws Exception {
        MarkerPosture posture = new MarkerPosture();
        jpn.federate(List.of(usa.asPartner(false)), FederatedNode.TEST_LINK, posture);
        proxy = new CuttingProxy(jpn.federation().port());
        usa.federate(List.of(jpn.asPartnerVia(proxy.port())));
        Federation federation = jpn.federation();
        try (TestClient tanaka = jpn.connect("tanaka"); TestClient smith = usa.connect("smith")) {
            tanaka.send(Events.marker("warm-up", Duration.ofMinutes(5)));
            smith.awaitUid("jpn-1:warm-up");
            eventually("the warm-up acknowledged", () -> federation.backlog("usa-1") == 0);

            proxy.down();
            eventually("the link is down", () -> federation.state("usa-1") == LinkState.WAITING);
            tanaka.send(chat(1));
            tanaka.send(Events.marker("M-1", Duration.ofMinutes(5)));
            tanaka.send(chat(2));
            eventually("three frames queued", () -> federation.backlog("usa-1") == 3);
            posture.tight = true;
            tanaka.send(chat(3));
            eventually("four frames queued", () -> federation.backlog("usa-1") == 4);
            proxy.up();

            smith.await(e -> text(e).equals("chat 3"), Duration.ofSeconds(20));
            assertThat(chats(smith)).containsExactly("chat 1", "chat 2");
            smith.assertNothing(e -> e.uid().equals("jpn-1:M-1"), Duration.ZERO);
        }
        assertThat(federation.metrics().count("kizuna.federation.outbound.dropped", "usa-1", "release-withdrawn"))
                .isEqualTo(1);
        eventually("withdrawn, the rest acknowledged: nothing left", () -> federation.backlog("usa-1") == 0);
        ReleaseStamp markerStamp = posture.asked.stream().filter(s -> s.type().value().equals(MARKER))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(markerStamp.isRestored()).isFalse();
        assertThat(markerStamp.lat()).isEqualTo(35.6);
        assertThat(markerStamp.lon()).isEqualTo(139.7);
        assertThat(markerStamp.shaping()).isEmpty();
    }

    @Test
    void aJournalledFrameRestoredAfterARestartIsDecidedAgainFromItsOwnBytes() throws Exception {
        Path journals = dir.resolve("jpn-links");
        usa.federate(List.of(jpn.asPartner(false)));
        proxy = new CuttingProxy(usa.federation().port());
        proxy.down(); // usa-1 unreachable: what jpn-1 queues stays in its journal
        jpn.federate(List.of(usa.asPartnerVia(proxy.port())), new MarkerPosture(), journals);
        MarkerPosture tightened = new MarkerPosture();
        tightened.tight = true;
        try (TestClient tanaka = jpn.connect("tanaka"); TestClient smith = usa.connect("smith")) {
            tanaka.send(chat(1));
            tanaka.send(Events.marker("M-1", Duration.ofMinutes(5)));
            tanaka.send(chat(2));
            eventually("three frames journalled", () -> jpn.federation().backlog("usa-1") == 3);

            jpn.closeFederation();
            Federation restarted = jpn.federate(List.of(usa.asPartnerVia(proxy.port())), tightened, journals);
            assertThat(restarted.backlog("usa-1")).as("restored from the journal").isEqualTo(3);
            proxy.up();
            tanaka.send(chat(3));

            smith.await(e -> text(e).equals("chat 3"), Duration.ofSeconds(20));
            assertThat(chats(smith)).containsExactly("chat 1", "chat 2");
            smith.assertNothing(e -> e.uid().equals("jpn-1:M-1"), Duration.ZERO);
            assertThat(restarted.metrics().count("kizuna.federation.outbound.dropped", "usa-1", "release-withdrawn"))
                    .isEqualTo(1);
            // The picture offered after the restart holds the marker too: refused at the door this time.
            assertThat(restarted.metrics().count("kizuna.federation.outbound.dropped", "usa-1", "release-denied"))
                    .isEqualTo(1);
        }
        // Rebuilt from the journalled frame: the labels as they travelled, the type and point sent, the shaping kept.
        ReleaseStamp restored = tightened.asked.stream().filter(s -> s.type().value().equals(MARKER)).findFirst()
                .orElseThrow();
        assertThat(restored.isRestored()).isTrue();
        assertThat(new String(restored.travelled().originator(), StandardCharsets.UTF_8)).isEqualTo("label of M-1");
        assertThat(restored.travelled().alternatives()).containsOnlyKeys("NATO");
        assertThat(restored.travelled().alternatives().get("NATO")).containsExactly(7);
        assertThat(restored.lat()).isEqualTo(35.6);
        assertThat(restored.lon()).isEqualTo(139.7);
        assertThat(restored.shaping()).isEmpty();
    }

    private static CotEvent chat(int n) {
        CotEvent chat = Events.chat("ANDROID-TANAKA", "TANAKA", "All Chat Rooms", "chat " + n);
        return chat.toBuilder().uid("GeoChat.ANDROID-TANAKA.All Chat Rooms." + n).build();
    }

    private static List<String> chats(TestClient client) {
        return client.receivedSoFar().stream().filter(e -> e.type().isGeoChat()).map(SendTimeReleaseTest::text).toList();
    }

    private static String text(CotEvent e) {
        return e.type().isGeoChat() ? e.detail().remarksOpt().map(r -> r.text()).orElse("") : "";
    }
}
