package org.kizuna.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.core.testing.Events.chat;
import static org.kizuna.core.testing.Events.marker;
import static org.kizuna.core.testing.Events.ofType;
import static org.kizuna.core.testing.Events.pli;
import static org.kizuna.core.testing.Events.toCallsign;
import static org.kizuna.core.testing.Events.withDest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.Chat;
import org.kizuna.server.testing.RunningServer;
import org.kizuna.server.testing.TestClient;

/** Real TLS clients against a real server: who receives what. */
class StreamingRoutingTest {

    private static final Duration QUIET = Duration.ofMillis(700);

    @TempDir
    Path dir;
    RunningServer node;

    @BeforeEach
    void start() throws Exception {
        Group blue = new Group("Blue");
        Group red = new Group("Red");
        node = new RunningServer(dir, Map.of(
                "blue-1", GroupMembership.both(Set.of(blue)),
                "blue-2", GroupMembership.both(Set.of(blue)),
                "red-1", GroupMembership.both(Set.of(red)),
                "blue-writer", new GroupMembership(Set.of(blue), Set.of()),
                "blue-reader", new GroupMembership(Set.of(), Set.of(blue))), false);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void serverOffersTakProtocolFirst() throws Exception {
        try (TestClient a = node.connect("alpha")) {
            CotEvent offer = a.await(e -> true);
            assertThat(offer.type().value()).isEqualTo("t-x-takp-v");
            assertThat(offer.detail().unknown().get(0)).contains("<TakProtocolSupport version=\"1\"/>");
        }
    }

    @Test
    void positionReachesOthersButNotTheSender() throws Exception {
        try (TestClient a = node.connect("alpha"); TestClient b = node.connect("bravo")) {
            awaitSessions(2);
            a.send(pli("ANDROID-A", "ALPHA"));
            CotEvent got = b.awaitUid("ANDROID-A");
            assertThat(got.detail().callsign()).contains("ALPHA");
            assertThat(got.detail().flowTags().contains("test-node")).isTrue();
            a.assertNothing(e -> e.uid().equals("ANDROID-A"), QUIET);
        }
    }

    @Test
    void groupsDecideReachabilityWithInAndOutDirections() throws Exception {
        try (TestClient blue1 = node.connect("blue-1"); TestClient blue2 = node.connect("blue-2");
             TestClient red = node.connect("red-1"); TestClient writer = node.connect("blue-writer");
             TestClient reader = node.connect("blue-reader")) {
            awaitSessions(5);
            blue1.send(pli("B1", "BLUE1"));
            blue2.awaitUid("B1");
            reader.awaitUid("B1");
            red.assertNothing(e -> e.uid().equals("B1"), QUIET);
            writer.assertNothing(e -> e.uid().equals("B1"), Duration.ofMillis(100));

            writer.send(pli("W1", "WRITER"));
            blue1.awaitUid("W1");
            reader.send(pli("R1", "READER"));
            // The router offers an event to readers before it puts it into the picture.
            awaitUntil(() -> node.server().picture().get("R1") != null, "R1 routed");
            blue1.assertNothing(e -> e.uid().equals("R1"), QUIET);
        }
    }

    @Test
    void martiDestDeliversPointToPointAndIsRemoved() throws Exception {
        try (TestClient a = node.connect("alpha"); TestClient b = node.connect("bravo");
             TestClient c = node.connect("charlie")) {
            awaitSessions(3);
            b.send(pli("ANDROID-B", "BRAVO"));
            a.awaitUid("ANDROID-B");
            c.awaitUid("ANDROID-B");
            a.send(withDest(marker("M-1", Duration.ofMinutes(5)), toCallsign("BRAVO")));
            CotEvent got = b.awaitUid("M-1");
            assertThat(got.detail().marti()).isNull();
            c.assertNothing(e -> e.uid().equals("M-1"), QUIET);
        }
    }

    @Test
    void martiDestNeverReachesPastGroups() throws Exception {
        try (TestClient blue = node.connect("blue-1"); TestClient red = node.connect("red-1")) {
            awaitSessions(2);
            red.send(pli("RED-1", "REDONE"));
            // Otherwise the marker may be routed while no session is called REDONE yet, and be
            // dropped for that reason rather than for the groups.
            awaitUntil(() -> node.server().sessions().all().stream().anyMatch(s -> "REDONE".equals(s.callsign())),
                    "the server knows red-1 as REDONE");
            blue.send(withDest(marker("M-2", Duration.ofMinutes(5)), toCallsign("REDONE")));
            // Counted when the router has decided: red would have been offered M-2 before this.
            awaitUntil(() -> node.count("kizuna.deliveries.dropped", "no-recipient") >= 1, "M-2 dropped for no recipient");
            red.assertNothing(e -> e.uid().equals("M-2"), QUIET);
        }
    }

    @Test
    void directGeoChatIsNeverBroadcast() throws Exception {
        try (TestClient a = node.connect("alpha"); TestClient b = node.connect("bravo");
             TestClient c = node.connect("charlie")) {
            awaitSessions(3);
            b.send(pli("ANDROID-B", "BRAVO"));
            a.awaitUid("ANDROID-B");
            c.awaitUid("ANDROID-B");
            a.send(chat("ANDROID-A", "ALPHA", "ANDROID-B", "direct hello"));
            CotEvent got = b.await(e -> e.type().isGeoChat());
            assertThat(got.detail().remarks().text()).isEqualTo("direct hello");
            c.assertNothing(e -> e.type().isGeoChat(), QUIET);

            a.send(chat("ANDROID-A", "ALPHA", Chat.ALL_CHAT_ROOMS, "hello all"));
            assertThat(c.await(e -> e.type().isGeoChat()).detail().remarks().text()).isEqualTo("hello all");
        }
    }

    @Test
    void forbiddenTypesAreDroppedAndCounted() throws Exception {
        try (TestClient a = node.connect("alpha"); TestClient b = node.connect("bravo")) {
            awaitSessions(2);
            a.send(ofType("TASK-1", "t-k-d"));
            a.send(ofType("PAIR-1", "t-p-x"));
            a.send(pli("ANDROID-A", "ALPHA"));
            b.awaitUid("ANDROID-A");
            b.assertNothing(e -> e.uid().equals("TASK-1") || e.uid().equals("PAIR-1"), QUIET);
            assertThat(node.count("kizuna.events.rejected", "forbidden-type")).isEqualTo(2);
        }
    }

    @Test
    void pingIsAnsweredAndNeverRouted() throws Exception {
        try (TestClient a = node.connect("alpha"); TestClient b = node.connect("bravo")) {
            awaitSessions(2);
            a.send(ofType("ping-1", "t-x-c-t"));
            assertThat(a.await(e -> e.type().value().equals("t-x-c-t-r")).uid()).isEqualTo("takPong");
            b.assertNothing(e -> e.uid().equals("ping-1"), QUIET);
        }
    }

    @Test
    void newClientReceivesTheCurrentPictureButNotStaleOrDeletedItems() throws Exception {
        try (TestClient a = node.connect("alpha")) {
            awaitSessions(1);
            CotEvent shortLived = marker("SHORT", Duration.ofMillis(1200));
            a.send(marker("KEEP", Duration.ofMinutes(5)));
            a.send(shortLived);
            a.send(marker("GONE", Duration.ofMinutes(5)));
            CotEvent delete = ofType("del-1", "t-x-d-d");
            delete = delete.withDetail(delete.detail().toBuilder().links(List.of(new org.kizuna.cot.detail.Link(
                    org.kizuna.cot.Attributes.of("uid", "GONE", "relation", "none", "type", "none")))).build());
            // Not a count of the picture: the housekeeping may already have expired SHORT (its
            // 1.2 s run from when it was made). One session's events are routed in order, so
            // once GONE is in the picture, KEEP and SHORT were routed before it.
            awaitUntil(() -> node.server().picture().get("GONE") != null, "GONE in the picture");
            a.send(delete);
            awaitUntil(() -> node.server().picture().get("GONE") == null, "the delete removed GONE");
            awaitUntil(() -> Instant.now().isAfter(shortLived.stale()), "SHORT stale");
            try (TestClient late = node.connect("late")) {
                late.awaitUid("KEEP");
                late.assertNothing(e -> e.uid().equals("SHORT") || e.uid().equals("GONE"), QUIET);
            }
            // The housekeeping expires the picture once a second.
            awaitUntil(() -> node.server().picture().get("SHORT") == null, "the stale SHORT leaves the picture");
        }
    }

    @Test
    void othersGetADisconnectNotice() throws Exception {
        try (TestClient b = node.connect("bravo")) {
            TestClient a = node.connect("alpha");
            awaitSessions(2);
            a.send(pli("ANDROID-A", "ALPHA"));
            b.awaitUid("ANDROID-A");
            a.close();
            CotEvent notice = b.await(e -> e.type().value().equals("t-x-d-d"));
            assertThat(notice.detail().links()).singleElement()
                    .satisfies(l -> assertThat(l.uid()).contains("ANDROID-A"));
            assertThat(node.server().picture().get("ANDROID-A")).isNull();
        }
    }

    @Test
    void gatewayRelayingUnitsIsNotMistakenForThoseUnits() throws Exception {
        try (TestClient watcher = node.connect("bravo")) {
            TestClient gateway = node.connect("gateway");
            awaitSessions(2);
            CotEvent relayed = pli("AIS-431000123", "SAKURA MARU");
            relayed = relayed.withDetail(relayed.detail().toBuilder()
                    .contact(new org.kizuna.cot.detail.Contact(org.kizuna.cot.Attributes.of("callsign", "SAKURA MARU")))
                    .build());
            gateway.send(relayed);
            watcher.awaitUid("AIS-431000123");
            gateway.close();
            // The quiet period counts from when the server saw the close: a notice, if it were
            // wrongly sent, goes out right after (on a loaded machine the close may take a while).
            awaitUntil(() -> node.server().sessions().size() == 1, "the server saw the gateway leave");
            watcher.assertNothing(e -> e.type().value().equals("t-x-d-d"), QUIET);
            assertThat(node.server().picture().get("AIS-431000123")).isNotNull();
        }
    }

    @Test
    void protobufAndXmlClientsSeeEachOther() throws Exception {
        try (TestClient xml = node.connect("alpha"); TestClient proto = node.connect("bravo")) {
            proto.negotiateProtobuf();
            awaitSessions(2);
            xml.send(pli("XML-1", "XMLER"));
            CotEvent got = proto.awaitUid("XML-1");
            assertThat(got.detail().callsign()).contains("XMLER");
            proto.send(pli("PROTO-1", "PROTOER"));
            assertThat(xml.awaitUid("PROTO-1").detail().callsign()).contains("PROTOER");
            proto.send(ofType("ping-2", "t-x-c-t"));
            assertThat(proto.await(e -> e.type().value().equals("t-x-c-t-r"))).isNotNull();
        }
    }

    @Test
    void protobufSentInTheSameWriteAsTheRequestIsRead() throws Exception {
        try (TestClient eager = node.connect("alpha"); TestClient watcher = node.connect("bravo")) {
            awaitSessions(2);
            eager.requestProtobufWithFollowUp(pli("EAGER-1", "EAGER"));
            assertThat(watcher.awaitUid("EAGER-1").detail().callsign()).contains("EAGER");
        }
    }

    private void awaitSessions(int n) throws InterruptedException {
        awaitUntil(() -> node.server().sessions().size() >= n, "expected " + n + " sessions");
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what);
            }
            Thread.sleep(10);
        }
    }
}
