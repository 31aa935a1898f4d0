package org.kizuna.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Contact;
import org.kizuna.federation.testing.CuttingProxy;
import org.kizuna.federation.testing.FederatedNode;
import org.kizuna.server.testing.TestClient;

/**
 * The TCP connection under the link is cut in the middle of a stream of chat and position
 * reports. The link redials through the same relay and resumes from the partner's last received
 * sequence: every chat arrives exactly once, in order, and the track ends at its latest position.
 */
class CutAndResumeTest {

    private static final int CHATS = 300;

    @TempDir
    Path dir;
    private FederatedNode jpn;
    private FederatedNode usa;
    private CuttingProxy proxy;

    @BeforeEach
    void start() throws Exception {
        jpn = new FederatedNode(dir, "jpn-1", "JPN");
        usa = new FederatedNode(dir, "usa-1", "USA");
        jpn.federate(List.of(usa.asPartner(false)));
        proxy = new CuttingProxy(jpn.federation().port());
        usa.federate(List.of(jpn.asPartnerVia(proxy.port())));
    }

    @AfterEach
    void stop() throws Exception {
        usa.close();
        jpn.close();
        proxy.close();
    }

    @Test
    void chatArrivesExactlyOnceAndPositionsResyncAcrossACut() throws Exception {
        try (TestClient tanaka = jpn.connect("tanaka"); TestClient smith = usa.connect("smith")) {
            // The link is up once a first item crossed it; then the cut is armed mid-stream.
            tanaka.send(Events.marker("warm-up", Duration.ofMinutes(5)));
            smith.awaitUid("jpn-1:warm-up");
            proxy.cutAfter(60_000);
            for (int i = 1; i <= CHATS; i++) {
                tanaka.send(chat(i));
                tanaka.send(position(i));
            }
            tanaka.send(chat(CHATS + 1)); // the last one: everything before it is ahead of it on the link
            smith.await(e -> e.type().isGeoChat() && text(e).equals("chat " + (CHATS + 1)), Duration.ofSeconds(30));

            List<CotEvent> received = smith.receivedSoFar();
            List<String> chats = received.stream().filter(e -> e.type().isGeoChat()).map(CutAndResumeTest::text).toList();
            assertThat(chats).hasSize(CHATS);
            assertThat(chats).containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, CHATS).mapToObj(i -> "chat " + i).toList());
            List<CotEvent> track = received.stream().filter(e -> e.uid().equals("jpn-1:P-3C")).toList();
            assertThat(track).isNotEmpty();
            assertThat(track.get(track.size() - 1).point().lat()).isEqualTo(latitude(CHATS));
            assertThat(usa.server().picture().get("jpn-1:P-3C").routed().event().point().lat()).isEqualTo(latitude(CHATS));
        }
        assertThat(proxy.cuts()).isEqualTo(1);
        assertThat(proxy.connections()).isGreaterThanOrEqualTo(2);
        assertThat(usa.federation().metrics().count("kizuna.federation.links.opened", "jpn-1")).isGreaterThanOrEqualTo(2);
    }

    private static CotEvent chat(int n) {
        CotEvent chat = Events.chat("ANDROID-TANAKA", "TANAKA", "All Chat Rooms", "chat " + n);
        return chat.toBuilder().uid("GeoChat.ANDROID-TANAKA.All Chat Rooms." + n).build();
    }

    /** The P-3C patrol aircraft, moving north a little with every report. */
    private static CotEvent position(int n) {
        Instant now = Instant.now();
        return CotEvent.builder("P-3C", "a-f-A-M-F-P")
                .how("m-g")
                .times(now, now.plusSeconds(300))
                .point(Point.of(latitude(n), 139.5))
                .detail(Detail.builder().contact(new Contact(Attributes.of("callsign", "SHARK 21"))).build())
                .build();
    }

    private static double latitude(int n) {
        return 30.0 + n / 1000.0;
    }

    private static String text(CotEvent e) {
        return e.detail().remarksOpt().map(r -> r.text()).orElse("");
    }
}
