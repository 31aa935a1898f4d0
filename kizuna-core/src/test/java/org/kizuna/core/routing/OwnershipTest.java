package org.kizuna.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.identity.Recipient;
import org.kizuna.core.testing.CountingMetrics;
import org.kizuna.core.testing.Events;
import org.kizuna.core.testing.RecordingSubscriber;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.proto.TakProtoCodec;

/** What a client with a valid certificate may write: only uids that are its own. */
class OwnershipTest {

    private final Subscribers subscribers = new Subscribers();
    private final CountingMetrics metrics = new CountingMetrics();
    private final Router router = new Router(new RoutingConfig("jpn-1", RoutingConfig.DEFAULT_FORBIDDEN, List.of("usa-1")),
            subscribers, new LatestState(1000), ReleaseDecision.PERMIT_ALL, HistorySink.NONE,
            new TakProtoCodec(CotLimits.DEFAULTS), metrics, Clock.systemUTC());
    private final RecordingSubscriber alice = join("alice");
    private final RecordingSubscriber mallory = join("mallory");
    private final RecordingSubscriber watch = join("watch");

    private RecordingSubscriber join(String name) {
        RecordingSubscriber s = new RecordingSubscriber(subscribers.nextId(), Recipient.unlabelled(
                ClientIdentity.certificate(name, "00"), GroupMembership.both(Set.of(new Group("Blue")))));
        subscribers.add(s);
        return s;
    }

    private List<CotEvent> takeAll() {
        alice.take();
        mallory.take();
        return watch.take();
    }

    @Test
    void anotherIdentitysUidCannotBeUpdatedDeletedOrAnnounced() {
        router.route(alice, Events.pli("ANDROID-ALICE", "ALICE"));
        assertThat(Events.uids(takeAll())).containsExactly("ANDROID-ALICE");

        router.route(mallory, Events.pli("ANDROID-ALICE", "ALICE")); // take over, and announce it as self
        router.route(mallory, Events.delete("ANDROID-ALICE"));
        router.route(mallory, Events.ofType("ANDROID-ALICE", "t-x-d-d")); // a delete naming its target as its uid
        assertThat(takeAll()).isEmpty();
        assertThat(metrics.rejectedFor(Refusal.UID_OWNED_ELSEWHERE.reason())).isEqualTo(3);
        assertThat(mallory.uid()).isNull();
        assertThat(router.picture().get("ANDROID-ALICE").routed().origin().publisherName()).isEqualTo("alice");

        router.route(alice, Events.pli("ANDROID-ALICE", "ALICE"));
        assertThat(takeAll()).hasSize(1);
        assertThat(router.bindings().release("ANDROID-ALICE", "admin")).isTrue();
        router.route(mallory, Events.pli("ANDROID-ALICE", "MALLORY"));
        assertThat(Events.uids(takeAll())).containsExactly("ANDROID-ALICE");
    }

    @Test
    void directMessagesReachTheOwnerNotWhoeverAnnouncesItsCallsign() {
        router.route(alice, Events.pli("ANDROID-ALICE", "ALICE"));
        router.route(mallory, Events.pli("ANDROID-MALLORY", "ALICE"));
        takeAll();
        assertThat(mallory.callsign()).as("a callsign another identity answers to is not taken").isNull();
        router.route(watch, Events.withDest(Events.marker("M-1", Duration.ofMinutes(5)), Events.toCallsign("ALICE")));
        assertThat(Events.uids(alice.take())).containsExactly("M-1");
        assertThat(mallory.take()).isEmpty();
    }

    @Test
    void aChatSpeaksOnlyForItsOwnSender() {
        router.route(alice, Events.pli("ANDROID-ALICE", "ALICE"));
        takeAll();
        router.route(mallory, Events.chat("ANDROID-ALICE", "ALICE", "All Chat Rooms", "forged"));
        assertThat(metrics.rejectedFor(Refusal.UID_OWNED_ELSEWHERE.reason())).isEqualTo(1);
        CotEvent ownUidOthersPrefix = Events.chat("ANDROID-MALLORY", "MALLORY", "All Chat Rooms", "x");
        router.route(mallory, ownUidOthersPrefix.toBuilder()
                .uid(ownUidOthersPrefix.uid().replace("GeoChat.ANDROID-MALLORY.", "GeoChat.ANDROID-ALICE.")).build());
        assertThat(metrics.rejectedFor(Refusal.CHAT_SENDER_MISMATCH.reason())).isEqualTo(1);
        CotEvent producedByAlice = Events.marker("M-2", Duration.ofMinutes(5));
        router.route(mallory, producedByAlice.withDetail(producedByAlice.detail().toBuilder().links(List.of(
                new Link(Attributes.of("uid", "ANDROID-ALICE", "relation", "p-p", "type", "a-f-G-U-C")))).build()));
        assertThat(metrics.rejectedFor(Refusal.UID_OWNED_ELSEWHERE.reason())).isEqualTo(2);
        assertThat(takeAll()).isEmpty();

        router.route(mallory, Events.chat("ANDROID-MALLORY", "ALICE", "All Chat Rooms", "hello"));
        List<RoutedEvent> got = watch.takeRouted();
        assertThat(got).hasSize(1);
        assertThat(new String(got.get(0).bytes(WireFormat.JSON), java.nio.charset.StandardCharsets.UTF_8))
                .as("the web COP is told who really sent it").contains("\"sender\":\"mallory\"");
    }

    @Test
    void partnersAndWebAccountsNamespacesAreTheirs() {
        router.route(mallory, Events.marker("usa-1:FAKE-CVN-1", Duration.ofMinutes(5)));
        router.route(mallory, Events.delete("usa-1:DEMO-DDG-1"));
        router.route(mallory, Events.pli("kizuna-web.jpn-1.alice", "ALICE"));
        assertThat(takeAll()).isEmpty();
        assertThat(metrics.rejectedFor(Refusal.UID_OWNED_ELSEWHERE.reason())).isEqualTo(3);

        RecordingSubscriber web = new RecordingSubscriber(subscribers.nextId(), Recipient.unlabelled(
                ClientIdentity.webAccount("alice"), GroupMembership.both(Set.of(new Group("Blue")))));
        router.route(web, Events.chat("kizuna-web.jpn-1.alice", "Alice", "All Chat Rooms", "from the browser"));
        assertThat(takeAll()).hasSize(1);
        assertThat(router.bindings().ownerOf("kizuna-web.jpn-1.alice")).contains("web:alice");
    }

    @Test
    void forbiddenTypesAreRefusedInAnyCase() {
        for (String type : List.of("t-k", "T-k-x", "t-K-x", "T-p", "t-p-q")) {
            router.route(alice, Events.ofType("U-" + type, type));
        }
        router.route(alice, Events.ofType("U-ok", "t-kx"));
        assertThat(Events.uids(takeAll())).containsExactly("U-ok");
        assertThat(metrics.rejectedFor("forbidden-type")).isEqualTo(5);
    }
}
