package org.kizuna.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.server.session.OutboundQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The outbound queues under a broadcast, as the router drives them: each operation is one position
 * report from the next of {@code sessions} clients, offered to every other session's queue, then
 * one delivery taken from each queue holding more than {@code backlog} (so every queue holds
 * about that many: 0 is a client that keeps up, 400 one half a second behind at 800 clients × 1 Hz).
 * Each client's reports reuse one uid string, as the router hands them out. The memory of 800
 * queues is far larger than the caches, which is what the queue's layout is about.
 *
 * <p>Baseline in the same run: {@code bareQueues}, a locked {@code ArrayDeque} per session with no
 * coalescing (the bare relay's queue). Report {@code coalescingQueues / bareQueues}.
 *
 * <p>Run: {@code ./kizuna jmh QueueFanOutBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QueueFanOutBenchmark {

    @Param({"800"})
    public int sessions;

    @Param({"0", "400"})
    public int backlog;

    /** Versions of each client's report, so a coalesced delivery is a different object. */
    private static final int VERSIONS = 4;

    private RoutedEvent[][] reports;
    private OutboundQueue[] queues;
    private BareQueue[] bare;
    private final List<RoutedEvent> taken = new ArrayList<>(1);
    private int next;

    /** The least a queue does: a lock and a deque. */
    static final class BareQueue {
        private final ArrayDeque<RoutedEvent> deque = new ArrayDeque<>();

        synchronized void offer(RoutedEvent d) {
            deque.addLast(d);
        }

        synchronized RoutedEvent poll() {
            return deque.pollFirst();
        }

        synchronized int size() {
            return deque.size();
        }
    }

    @Setup
    public void setUp() throws CotDecodeException {
        TakProtoCodec codec = new TakProtoCodec(CotLimits.DEFAULTS);
        CotEvent event = new CotXmlReader(CotLimits.DEFAULTS).read(Fixtures.atakPli());
        reports = new RoutedEvent[sessions][VERSIONS];
        queues = new OutboundQueue[sessions];
        bare = new BareQueue[sessions];
        for (int s = 0; s < sessions; s++) {
            String uid = "ANDROID-" + Integer.toHexString(0x5eed0000 + s * 7919);
            for (int v = 0; v < VERSIONS; v++) {
                reports[s][v] = new RoutedEvent(event, uid, codec);
            }
            queues[s] = new OutboundQueue(4096);
            bare[s] = new BareQueue();
        }
    }

    @Benchmark
    public void coalescingQueues(Blackhole sink) {
        int sender = next++ % sessions;
        RoutedEvent report = reports[sender][(next / sessions) % VERSIONS];
        for (int s = 0; s < sessions; s++) {
            if (s != sender) {
                sink.consume(queues[s].offer(report));
            }
        }
        for (OutboundQueue q : queues) {
            if (q.size() > backlog) {
                taken.clear();
                q.pollTo(taken, 1);
                sink.consume(taken.get(0));
            }
        }
    }

    @Benchmark
    public void bareQueues(Blackhole sink) {
        int sender = next++ % sessions;
        RoutedEvent report = reports[sender][(next / sessions) % VERSIONS];
        for (int s = 0; s < sessions; s++) {
            if (s != sender) {
                bare[s].offer(report);
            }
        }
        for (BareQueue q : bare) {
            if (q.size() > backlog) {
                sink.consume(q.poll());
            }
        }
    }
}
