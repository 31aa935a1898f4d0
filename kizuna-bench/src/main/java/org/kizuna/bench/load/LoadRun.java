package org.kizuna.bench.load;

import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.kizuna.core.routing.WireFormat;

/** What every client of one run shares: the spec, the clock, the messages and the per-loop statistics. */
final class LoadRun {

    private final LoadSpec spec;
    private final RunClock clock;
    private final LoadMessages messages;
    private final Map<EventExecutor, LoopStats> stats = new ConcurrentHashMap<>();
    private volatile boolean closing;

    LoadRun(LoadSpec spec) {
        this.spec = spec;
        this.clock = new RunClock(spec.phases());
        this.messages = new LoadMessages(spec.clients(), spec.format());
    }

    LoadSpec spec() {
        return spec;
    }

    RunClock clock() {
        return clock;
    }

    LoadMessages messages() {
        return messages;
    }

    WireFormat format() {
        return spec.format();
    }

    RandomGenerator random() {
        return ThreadLocalRandom.current();
    }

    LoopStats statsFor(EventExecutor loop) {
        return stats.computeIfAbsent(loop, l -> new LoopStats(spec.phases().size()));
    }

    Map<EventExecutor, LoopStats> allStats() {
        return stats;
    }

    /** From now on, connections ending are the run closing them, not disconnects. */
    void closing() {
        closing = true;
    }

    boolean isClosing() {
        return closing;
    }
}
