package org.kizuna.federation.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kizuna.federation.wire.FederationProtocol.Frame;

/**
 * The exactly-once core without a network: a sender's {@link OutboundLog} and cursor, a wire
 * that loses everything in flight at a cut, and a receiver's {@link ReceivedSequence}, driven by
 * arbitrary interleavings of appends, sends, deliveries, acknowledgements and cuts. Whatever
 * happens, every durable item is received exactly once and in order, and every position key ends
 * at its latest value.
 */
class ResumePropertyTest {

    private record Item(boolean durable, int key, int value) {
    }

    private enum Step { DURABLE, POSITION, SEND, DELIVER, ACK, CUT }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Arbitraries.of(Step.class).list().ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 300)
    void durableExactlyOnceInOrderAndPositionsAtTheirLatest(@ForAll("steps") List<Step> steps) {
        OutboundLog log = new OutboundLog(100_000);
        Map<Long, Item> bySequence = new HashMap<>();
        ArrayDeque<Long> wire = new ArrayDeque<>();
        ReceivedSequence receiver = new ReceivedSequence();
        receiver.useEpoch(log.epoch());
        List<Integer> durableSent = new ArrayList<>();
        Map<Integer, Integer> latestSent = new HashMap<>();
        List<Integer> durableReceived = new ArrayList<>();
        Map<Integer, Integer> latestReceived = new HashMap<>();
        long cursor = 0;
        int counter = 0;
        for (Step step : steps) {
            switch (step) {
                case DURABLE, POSITION -> {
                    boolean durable = step == Step.DURABLE;
                    Item item = new Item(durable, counter % 3, counter++);
                    log.append(durable ? null : "k" + item.key(), seq -> {
                        bySequence.put(seq, item);
                        return Frame.getDefaultInstance();
                    });
                    if (durable) {
                        durableSent.add(item.value());
                    } else {
                        latestSent.put(item.key(), item.value());
                    }
                }
                case SEND -> {
                    OutboundLog.Entry next = log.after(cursor);
                    if (next != null) {
                        wire.add(next.sequence());
                        cursor = next.sequence();
                    }
                }
                case DELIVER -> deliver(wire, receiver, bySequence, durableReceived, latestReceived);
                case ACK -> log.acknowledge(receiver.last());
                case CUT -> {
                    wire.clear(); // in flight, lost
                    log.acknowledge(receiver.last()); // the Hello on reconnect
                    cursor = receiver.last();
                }
            }
        }
        // The link comes back and drains.
        wire.clear();
        cursor = receiver.last();
        for (OutboundLog.Entry e = log.after(cursor); e != null; e = log.after(e.sequence())) {
            wire.add(e.sequence());
        }
        while (!wire.isEmpty()) {
            deliver(wire, receiver, bySequence, durableReceived, latestReceived);
        }
        assertThat(durableReceived).containsExactlyElementsOf(durableSent);
        assertThat(latestReceived).isEqualTo(latestSent);
    }

    private static void deliver(ArrayDeque<Long> wire, ReceivedSequence receiver, Map<Long, Item> bySequence,
                                List<Integer> durableReceived, Map<Integer, Integer> latestReceived) {
        Long seq = wire.poll();
        if (seq == null || !receiver.accept(seq)) {
            return;
        }
        Item item = bySequence.get(seq);
        if (item.durable()) {
            durableReceived.add(item.value());
        } else {
            latestReceived.put(item.key(), item.value());
        }
    }
}
