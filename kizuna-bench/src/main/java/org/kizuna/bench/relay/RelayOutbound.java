package org.kizuna.bench.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One recipient's outbound side: frames from any sender's event loop go into a bounded queue, and
 * one drain task on the recipient's own loop writes as many as the socket takes and flushes once.
 *
 * <p>Why not {@code writeAndFlush} per frame: from another thread that is one task, one TLS record
 * and one system call per message per recipient, and a baseline that slow would flatter anything
 * compared with it. This is the same write path Kizuna's sessions use, without coalescing or
 * disconnecting: when the queue is full, frames are dropped (counted).
 */
final class RelayOutbound {

    /** As many waiting frames as a Kizuna session's default queue holds deliveries. */
    static final int CAPACITY = 4096;

    private final Channel channel;
    private final LongAdder dropped;
    private final Queue<byte[]> queue = PlatformDependent.newMpscQueue();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    RelayOutbound(Channel channel, LongAdder dropped) {
        this.channel = channel;
        this.dropped = dropped;
    }

    Channel channel() {
        return channel;
    }

    /** Queues {@code frame} for this recipient. Safe from any thread. */
    void offer(byte[] frame) {
        if (size.incrementAndGet() > CAPACITY) {
            size.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.offer(frame);
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    /** Writes queued frames while the socket accepts them. Event loop only. */
    void drain() {
        drainScheduled.set(false);
        if (!channel.isActive()) {
            queue.clear();
            return;
        }
        boolean wrote = false;
        byte[] frame;
        while (channel.isWritable() && (frame = queue.poll()) != null) {
            size.decrementAndGet();
            channel.write(Unpooled.wrappedBuffer(frame), channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }
}
