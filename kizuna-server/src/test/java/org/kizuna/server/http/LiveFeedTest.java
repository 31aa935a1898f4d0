package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.Chat;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningServer;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.TestClient;
import org.kizuna.server.testing.WebClient;

/**
 * The browser's live feed is a router session: it sees exactly what a TAK client with the same
 * groups sees, in the same order, and nothing else.
 */
class LiveFeedTest {

    @TempDir
    Path dir;

    RunningWeb node;

    @BeforeEach
    void start() throws Exception {
        node = new RunningWeb(dir, Map.of(
                "blue-1", GroupMembership.both(Set.of(new Group("Blue"))),
                "red-1", GroupMembership.both(Set.of(new Group("Red")))),
                new MemoryAccounts().with("alice", "pw-alice", "operator", "Blue"));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    WebClient alice() throws Exception {
        WebClient b = new WebClient(node.pki().trustOnlyContext(), node.base());
        assertThat(b.login("alice", "pw-alice").statusCode()).isEqualTo(200);
        return b;
    }

    @Test
    void aPositionFromATakClientInTheSameGroupReachesTheBrowser() throws Exception {
        try (WebClient.Live live = alice().live(node.origin());
             TestClient blue = node.connect("blue-1")) {
            JsonNode hello = live.await(m -> m.get("op").asText().equals("hello"));
            assertThat(hello.get("user").asText()).isEqualTo("alice");

            blue.send(Events.pli("BLUE-1", "Kestrel"));

            JsonNode msg = live.await(m -> WebClient.uidOf(m).equals("BLUE-1"));
            assertThat(msg.get("op").asText()).isEqualTo("event");
            JsonNode e = msg.get("event");
            assertThat(e.get("type").asText()).isEqualTo("a-f-G-U-C");
            assertThat(e.get("callsign").asText()).isEqualTo("Kestrel");
            assertThat(e.get("lat").asDouble()).isEqualTo(35.68);
            assertThat(e.get("stale").asText()).endsWith("Z");
        }
    }

    @Test
    void aLargePictureArrivesWholeAndBatchedInFewFrames() throws Exception {
        int units = RunningServer.TEST_LIMITS.outboundQueue() + 44; // more than a session's queue holds
        try (TestClient blue = node.connect("blue-1")) {
            for (int i = 0; i < units; i++) {
                blue.send(Events.pli("BATCH-" + i, "Unit-" + i));
            }
            awaitPicture("BATCH-" + (units - 1), "Unit-" + (units - 1));

            try (WebClient.Live live = alice().live(node.origin())) {
                Await.until(() -> live.all().stream().map(WebClient::uidOf).filter(u -> u.startsWith("BATCH-"))
                        .distinct().count() == units, "the whole picture reached the browser");
                // the picture is queued at once and drained in a few writes, each flushed as one
                // array frame of at most 64 KiB: nowhere near one frame per unit
                assertThat(live.frames()).isLessThan(units / 10);
            }
        }
    }

    @Test
    void groupMembershipKeepsOtherGroupsTrafficFromTheBrowser() throws Exception {
        try (TestClient blue = node.connect("blue-1");
             TestClient red = node.connect("red-1")) {
            red.send(Events.pli("RED-1", "Viper"));
            blue.send(Events.pli("BLUE-1", "Kestrel"));
            awaitPicture("RED-1", "Viper");
            awaitPicture("BLUE-1", "Kestrel");

            try (WebClient.Live live = alice().live(node.origin())) {
                // The picture on connect holds what Blue may see, queued before any live traffic.
                red.send(Events.pli("RED-1", "Viper-2"));
                awaitPicture("RED-1", "Viper-2"); // routed: had it been visible, it is queued by now
                blue.send(Events.pli("BLUE-1", "Kestrel-2"));

                live.await(m -> WebClient.uidOf(m).equals("BLUE-1")
                        && m.get("event").get("callsign").asText().equals("Kestrel-2"));
                assertThat(live.all()).noneMatch(m -> WebClient.uidOf(m).equals("RED-1"));
                assertThat(live.all()).anyMatch(m -> m.get("op").asText().equals("hello"));
            }
        }
    }

    @Test
    void deletesAndChatArriveWithTheirOwnOps() throws Exception {
        try (WebClient.Live live = alice().live(node.origin());
             TestClient blue = node.connect("blue-1")) {
            blue.send(Events.pli("BLUE-1", "Kestrel"));
            blue.send(Events.marker("M-1", Duration.ofMinutes(5)));
            live.await(m -> WebClient.uidOf(m).equals("M-1"));
            blue.send(Events.delete("M-1"));
            JsonNode delete = live.await(m -> m.get("op").asText().equals("delete"));
            assertThat(delete.get("targets").toString()).isEqualTo("[\"M-1\"]");

            blue.send(Events.chat("BLUE-1", "Kestrel", Chat.ALL_CHAT_ROOMS, "radio check"));
            JsonNode chat = live.await(m -> m.get("op").asText().equals("chat"));
            assertThat(chat.get("event").get("remarks").asText()).isEqualTo("radio check");
            assertThat(chat.get("event").get("chat").get("senderUid").asText()).isEqualTo("BLUE-1");
        }
    }

    @Test
    void aDirectChatFromATakClientToTheBrowsersUidReachesOnlyThatBrowser() throws Exception {
        try (WebClient.Live live = alice().live(node.origin());
             TestClient blue = node.connect("blue-1")) {
            blue.send(Events.pli("BLUE-1", "Kestrel"));
            CotEvent direct = Events.chat("BLUE-1", "Kestrel", "kizuna-web.test-node.alice", "for alice only");
            blue.send(direct);
            JsonNode chat = live.await(m -> m.get("op").asText().equals("chat"));
            assertThat(chat.get("event").get("uid").asText()).isEqualTo(direct.uid());
        }
    }

    @Test
    void anOpenFeedTakesAConnectionSlotAndGivesItBackWhenClosed() throws Exception {
        assertThat(node.server().connections().open()).isZero();
        try (WebClient.Live live = alice().live(node.origin());
             TestClient blue = node.connect("blue-1")) {
            // browsers and TAK clients count against one session.maxClients
            Await.until(() -> node.server().connections().open() == 2, "the feed and the TAK client counted");
        }
        Await.until(() -> node.server().connections().open() == 0, "both slots given back");
    }

    @Test
    void theFeedRefusesOtherSitesAndStrangers() throws Exception {
        WebClient b = alice();
        Throwable crossSite = catchThrowable(() -> b.live("https://evil.example"));
        Throwable noSession = catchThrowable(() -> new WebClient(node.pki().trustOnlyContext(), node.base())
                .live(node.origin()));

        assertThat(crossSite).isNotNull();
        assertThat(noSession).isNotNull();
        assertThat(node.count("kizuna.http.refused", "cross-origin")).isEqualTo(1);
        assertThat(node.count("kizuna.http.refused", "unauthorized")).isEqualTo(1);
        assertThat(node.server().sessions().size()).isZero();
    }

    @Test
    void aPictureLargerThanTheSessionQueueArrivesWhole() throws Exception {
        int items = RunningServer.TEST_LIMITS.outboundQueue() + 100;
        try (TestClient blue = node.connect("blue-1")) {
            for (int i = 0; i < items; i++) {
                blue.send(Events.marker("M-" + i, Duration.ofMinutes(5)));
            }
            Await.until(() -> node.server().picture().size() == items, items + " markers in the picture");
        }
        try (WebClient.Live live = alice().live(node.origin())) {
            Await.until(() -> live.all().stream().map(WebClient::uidOf).filter(u -> u.startsWith("M-")).distinct()
                    .count() == items, "all " + items + " picture items reached the browser");
        }
        assertThat(node.count("kizuna.deliveries.dropped", "queue-full")).isZero();
    }

    /** A feed used to keep delivering after its login logged out (20 frames in 8 s). */
    @Test
    void loggingOutClosesThatLoginsFeedAtOnceAndNoOtherOne() throws Exception {
        WebClient first = alice();
        WebClient second = alice();
        try (WebClient.Live leaving = first.live(node.origin());
             WebClient.Live staying = second.live(node.origin());
             TestClient blue = node.connect("blue-1")) {
            assertThat(first.post("/api/logout", "").statusCode()).isEqualTo(204);

            assertThat(leaving.awaitClosed(Duration.ofSeconds(1))).isEqualTo("close 1008 signed out");
            int framesAtClose = leaving.frames();
            blue.send(Events.pli("BLUE-1", "Kestrel"));
            staying.await(m -> WebClient.uidOf(m).equals("BLUE-1"));
            assertThat(leaving.frames()).isEqualTo(framesAtClose);
            assertThat(staying.isClosed()).isFalse();
            Await.until(() -> node.server().sessions().size() == 2, "the other feed and the TAK client remain");
        }
    }

    @Test
    void closingTheFeedRemovesItsSession() throws Exception {
        WebClient.Live live = alice().live(node.origin());
        live.await(m -> m.get("op").asText().equals("hello"));
        assertThat(node.server().sessions().size()).isEqualTo(1);
        live.close();
        Await.until(() -> node.server().sessions().size() == 0, "the feed's session is gone");
    }

    private void awaitPicture(String uid, String callsign) throws InterruptedException {
        Await.until(() -> {
            var entry = node.server().picture().get(uid);
            return entry != null && entry.routed().event().detail().callsign().orElse("").equals(callsign);
        }, uid + " is in the picture as " + callsign);
    }

    private static Throwable catchThrowable(ThrowingRunnable r) {
        try {
            r.run();
            return null;
        } catch (Exception e) { // the JDK reports a refused upgrade as a failed future
            return e;
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
