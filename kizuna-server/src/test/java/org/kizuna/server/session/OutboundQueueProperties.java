package org.kizuna.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.server.session.OutboundQueue.Offer;

/**
 * The queue's ring and open-addressing index against the plainest queue that means the same: a
 * list, searched from the head for a queued delivery with the same key. Random scripts of offers
 * (positions for up to 300 uids, some pairs of them with one hash code, half of the offers with
 * a fresh string for the uid so the index compares by value; and chat), polls, bulk polls,
 * headroom and clears; after every step the answers, the deliveries taken (by identity) and the
 * size must agree. Scripts long enough to grow the ring and the index, wrap them, delete from the
 * middle of probe runs and empty the queue again.
 */
class OutboundQueueProperties {

    private static final TakProtoCodec CODEC = new TakProtoCodec(CotLimits.DEFAULTS);
    private static final CotEvent EVENT = Events.pli("U", "u");
    private static final String[] UIDS = new String[300];

    static {
        for (int i = 0; i < UIDS.length; i++) {
            UIDS[i] = "ANDROID-" + Integer.toHexString(0x10000 + i * 7919);
        }
        // Different uids with the same hash code ("Aa" and "BB" hash alike): the index must compare the uids.
        for (int i = 0; i < 20; i += 2) {
            UIDS[i] = "Aa-" + i;
            UIDS[i + 1] = "BB-" + i;
        }
    }

    /** One step of a script: what to do and its argument. */
    record Step(Kind kind, int arg, boolean freshString) {
    }

    enum Kind { POSITION, CHAT, POLL, POLL_TO, HEADROOM, SETTLE, CLEAR }

    @Property(tries = 400)
    void behavesLikeAListSearchedFromTheHead(@ForAll("scripts") List<Step> script,
                                             @ForAll @IntRange(min = 1, max = 400) int capacity,
                                             @ForAll @IntRange(min = 1, max = 300) int uidCount) {
        OutboundQueue queue = new OutboundQueue(capacity);
        ListQueue model = new ListQueue(capacity);
        List<RoutedEvent> taken = new ArrayList<>();
        List<RoutedEvent> expected = new ArrayList<>();
        for (Step step : script) {
            switch (step.kind()) {
                case POSITION -> {
                    String uid = UIDS[step.arg() % uidCount];
                    RoutedEvent d = new RoutedEvent(EVENT, step.freshString() ? new String(uid) : uid, CODEC);
                    assertThat(queue.offer(d)).as("offer %s", uid).isEqualTo(model.offer(d));
                }
                case CHAT -> {
                    RoutedEvent d = new RoutedEvent(EVENT, null, CODEC);
                    assertThat(queue.offer(d)).as("offer chat").isEqualTo(model.offer(d));
                }
                case POLL -> assertThat(queue.poll()).isSameAs(model.poll());
                case POLL_TO -> {
                    taken.clear();
                    expected.clear();
                    int max = step.arg() % 40 + 1;
                    assertThat(queue.pollTo(taken, max)).isEqualTo(model.pollTo(expected, max));
                    assertThat(taken).hasSameSizeAs(expected);
                    for (int i = 0; i < taken.size(); i++) {
                        assertThat(taken.get(i)).isSameAs(expected.get(i));
                    }
                }
                case HEADROOM -> {
                    queue.grantHeadroom(step.arg());
                    model.headroom += step.arg();
                }
                case SETTLE -> {
                    queue.settleHeadroom();
                    model.headroom = Math.max(0, model.items.size() - capacity);
                }
                case CLEAR -> {
                    queue.clear();
                    model.items.clear();
                    model.headroom = 0;
                }
            }
            assertThat(queue.size()).isEqualTo(model.items.size());
        }
        // Whatever is left comes out in the same order.
        while (!model.items.isEmpty()) {
            assertThat(queue.poll()).isSameAs(model.poll());
        }
        assertThat(queue.poll()).isNull();
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                Tuple.of(60, Kind.POSITION),
                Tuple.of(6, Kind.CHAT),
                Tuple.of(14, Kind.POLL),
                Tuple.of(8, Kind.POLL_TO),
                Tuple.of(2, Kind.HEADROOM),
                Tuple.of(2, Kind.SETTLE),
                Tuple.of(1, Kind.CLEAR));
        Arbitrary<Step> steps = Combinators.combine(kinds, Arbitraries.integers().between(0, 1_000),
                Arbitraries.of(true, false)).as(Step::new);
        return steps.list().ofMinSize(200).ofMaxSize(3_000);
    }

    /** The reference: a list, each key at most once, coalescing searched from the head. */
    private static final class ListQueue {
        final int capacity;
        final List<RoutedEvent> items = new ArrayList<>();
        int headroom;

        ListQueue(int capacity) {
            this.capacity = capacity;
        }

        Offer offer(RoutedEvent d) {
            boolean full = items.size() >= capacity + headroom;
            String key = d.coalesceKey();
            if (key != null) {
                for (int i = 0; i < items.size(); i++) {
                    if (key.equals(items.get(i).coalesceKey())) {
                        items.set(i, d);
                        return Offer.COALESCED;
                    }
                }
            }
            if (full) {
                return key == null ? Offer.OVERFLOW : Offer.DROPPED;
            }
            items.add(d);
            return Offer.QUEUED;
        }

        RoutedEvent poll() {
            if (items.isEmpty()) {
                return null;
            }
            if (headroom > 0) {
                headroom--;
            }
            return items.remove(0);
        }

        int pollTo(List<RoutedEvent> into, int max) {
            int n = 0;
            while (n < max && !items.isEmpty()) {
                into.add(poll());
                n++;
            }
            return n;
        }
    }
}
