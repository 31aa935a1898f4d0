package org.kizuna.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.server.session.OutboundQueue.Offer;

class OutboundQueueTest {

    private final TakProtoCodec codec = new TakProtoCodec(CotLimits.DEFAULTS);

    private RoutedEvent position(String uid, String callsign) {
        return new RoutedEvent(Events.pli(uid, callsign), uid, codec);
    }

    private RoutedEvent chat(String text) {
        return new RoutedEvent(Events.chat("A", "A", "All Chat Rooms", text), null, codec);
    }

    @Test
    void aNewerPositionReplacesTheQueuedOneInPlace() {
        OutboundQueue q = new OutboundQueue(10);
        assertThat(q.offer(position("U1", "old"))).isEqualTo(Offer.QUEUED);
        assertThat(q.offer(chat("between"))).isEqualTo(Offer.QUEUED);
        assertThat(q.offer(position("U1", "new"))).isEqualTo(Offer.COALESCED);
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.poll().event().detail().callsign()).contains("new");
        assertThat(q.poll().event().type().isGeoChat()).isTrue();
        assertThat(q.poll()).isNull();
    }

    @Test
    void whenFullPositionsForNewUidsDropButChatOverflows() {
        OutboundQueue q = new OutboundQueue(2);
        q.offer(position("U1", "a"));
        q.offer(chat("one"));
        assertThat(q.offer(position("U2", "b"))).isEqualTo(Offer.DROPPED);
        assertThat(q.offer(position("U1", "c"))).isEqualTo(Offer.COALESCED);
        assertThat(q.offer(chat("two"))).isEqualTo(Offer.OVERFLOW);
        assertThat(q.size()).isEqualTo(2);
    }

    @Test
    void afterPollingAUidCanQueueAgain() {
        OutboundQueue q = new OutboundQueue(4);
        q.offer(position("U1", "a"));
        q.poll();
        assertThat(q.offer(position("U1", "b"))).isEqualTo(Offer.QUEUED);
        assertThat(q.size()).isEqualTo(1);
    }

    @Test
    void headroomForABurstIsGivenBackAsTheQueueDrains() {
        OutboundQueue q = new OutboundQueue(2);
        q.grantHeadroom(5);
        for (int i = 0; i < 4; i++) {
            assertThat(q.offer(chat("picture " + i))).isEqualTo(Offer.QUEUED);
        }
        q.settleHeadroom(); // used 2 of the 5 extra slots: 2 kept
        assertThat(q.offer(chat("live"))).isEqualTo(Offer.OVERFLOW);
        q.poll();
        q.poll(); // the burst's room is given back as it drains: capacity 2 again, holding 2
        assertThat(q.offer(chat("still full"))).isEqualTo(Offer.OVERFLOW);
        q.poll();
        assertThat(q.offer(chat("fits"))).isEqualTo(Offer.QUEUED);
        assertThat(q.offer(position("U9", "x"))).isEqualTo(Offer.DROPPED);
    }

    @Test
    void pollToTakesTheOldestFirstAndATakenUidQueuesAnew() {
        OutboundQueue q = new OutboundQueue(10);
        q.offer(position("U1", "a"));
        q.offer(chat("one"));
        q.offer(position("U2", "b"));
        java.util.List<RoutedEvent> taken = new java.util.ArrayList<>();
        assertThat(q.pollTo(taken, 2)).isEqualTo(2);
        assertThat(taken).extracting(RoutedEvent::coalesceKey).containsExactly("U1", null);
        assertThat(q.offer(position("U1", "c"))).isEqualTo(Offer.QUEUED); // U1 was taken: no longer coalesced
        assertThat(q.offer(position("U2", "d"))).isEqualTo(Offer.COALESCED); // U2 still waits
        taken.clear();
        assertThat(q.pollTo(taken, 10)).isEqualTo(2);
        assertThat(taken).extracting(d -> d.event().detail().callsign().orElseThrow()).containsExactly("d", "c");
        assertThat(q.pollTo(taken, 10)).isZero();
    }

    @Test
    void theHeadPositionIsCoalescedLikeAnyOtherEvenWhenTheQueueIsFull() {
        OutboundQueue q = new OutboundQueue(3);
        q.offer(position("U1", "a")); // into an empty queue
        q.offer(position("U2", "b"));
        q.offer(position("U3", "c"));
        assertThat(q.offer(position("U1", "a2"))).isEqualTo(Offer.COALESCED);
        assertThat(q.offer(position("U3", "c2"))).isEqualTo(Offer.COALESCED);
        assertThat(q.offer(position("U4", "d"))).isEqualTo(Offer.DROPPED);
        assertThat(q.poll().event().detail().callsign()).contains("a2");
        assertThat(q.offer(position("U1", "a3"))).isEqualTo(Offer.QUEUED); // taken: queues anew, at the tail
        assertThat(q.offer(position("U2", "b2"))).isEqualTo(Offer.COALESCED);
        java.util.List<RoutedEvent> rest = new java.util.ArrayList<>();
        q.pollTo(rest, 10);
        assertThat(rest).extracting(d -> d.event().detail().callsign().orElseThrow()).containsExactly("b2", "c2", "a3");
        assertThat(q.offer(position("U2", "b3"))).isEqualTo(Offer.QUEUED);
        q.clear();
        assertThat(q.offer(position("U2", "b4"))).isEqualTo(Offer.QUEUED);
        assertThat(q.size()).isEqualTo(1);
    }

    @Test
    void positionsCoalesceBeforeAndPastTheScannedHead() {
        int n = OutboundQueue.SCAN_LIMIT + 4;
        OutboundQueue q = new OutboundQueue(100);
        for (int i = 0; i < n; i++) {
            assertThat(q.offer(position("U" + i, "v1"))).isEqualTo(Offer.QUEUED);
        }
        assertThat(q.offer(chat("between"))).isEqualTo(Offer.QUEUED);
        assertThat(q.offer(position("U0", "v2"))).isEqualTo(Offer.COALESCED); // in the scanned head
        assertThat(q.offer(position("U" + (n - 1), "v2"))).isEqualTo(Offer.COALESCED); // in the map
        assertThat(q.size()).isEqualTo(n + 1);
        java.util.List<RoutedEvent> taken = new java.util.ArrayList<>();
        q.pollTo(taken, 100);
        assertThat(taken).hasSize(n + 1);
        assertThat(taken.get(0).event().detail().callsign()).contains("v2");
        assertThat(taken.get(n - 1).event().detail().callsign()).contains("v2");
        assertThat(taken.get(1).event().detail().callsign()).contains("v1");
        assertThat(taken.get(n).coalesceKey()).isNull();
        for (int i = 0; i < n; i++) { // everything was taken: every uid queues anew
            assertThat(q.offer(position("U" + i, "v3"))).isEqualTo(Offer.QUEUED);
        }
        assertThat(q.size()).isEqualTo(n);
    }
}
