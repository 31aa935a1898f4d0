package org.kizuna.server.session;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.identity.Recipient;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.routing.Subscriber;
import org.kizuna.core.routing.WireFormat;
import org.kizuna.server.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client: who it is, what it may read and write, how it speaks, and its outbound
 * queue.
 *
 * <p>{@link #deliver} may be called from any thread; writing to the socket always happens on the
 * channel's own event loop. When the socket stays unwritable longer than the configured limit, or
 * traffic that must not be dropped no longer fits the queue, the client is disconnected: one slow
 * consumer never holds memory or delays anybody else.
 */
public final class Session implements Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Session.class);
    /**
     * Deliveries taken from the queue under one lock. The socket's writability is checked between
     * batches, so a batch may pass the high write watermark by this many frames at most.
     */
    private static final int DRAIN_BATCH = 16;

    private final long id;
    private final Recipient recipient;
    /**
     * The groups routing uses: the recipient's membership narrowed by the client's active-channel
     * choice (all of it until one is made). Every broadcast reads it for every session.
     */
    private volatile GroupMembership groups;
    private final Channel channel;
    private final OutboundQueue queue;
    private final Duration unwritableLimit;
    private final ServerMetrics metrics;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean disconnecting = new AtomicBoolean();
    private volatile WireFormat wireFormat = WireFormat.XML;
    private volatile String uid;
    private volatile String callsign;
    private volatile String selfType;
    private long unwritableSinceNanos = -1;
    /** Event loop only: the batch being written. */
    private final List<RoutedEvent> draining = new ArrayList<>(DRAIN_BATCH);
    private final Runnable drainTask = this::drain;
    /** Event loop only: a write that crosses the high watermark calls back into drain(); the outer call goes on. */
    private boolean inDrain;
    private final long flushIntervalNanos;
    /** Event loop only, on the loop's ticker; {@link Long#MIN_VALUE} before the first flush. */
    private long lastFlushNanos = Long.MIN_VALUE;
    /** Event loop only: a drain is scheduled for the end of the flush interval. */
    private boolean drainDeferred;
    private final Runnable deferredDrain = () -> {
        drainDeferred = false;
        drain();
    };

    /** A session that flushes on every drain. */
    public Session(long id, Recipient recipient, Channel channel,
                   int queueCapacity, Duration unwritableLimit, ServerMetrics metrics) {
        this(id, recipient, channel, queueCapacity, unwritableLimit, metrics, Duration.ZERO);
    }

    /**
     * {@code flushInterval}: the socket is flushed at most once per interval. A drain within the
     * interval after a flush waits for its end, so everything that arrives meanwhile leaves in one
     * TLS record and one system call; after a quiet interval a delivery leaves at once.
     */
    public Session(long id, Recipient recipient, Channel channel,
                   int queueCapacity, Duration unwritableLimit, ServerMetrics metrics, Duration flushInterval) {
        this.flushIntervalNanos = flushInterval.toNanos();
        this.id = id;
        this.recipient = Objects.requireNonNull(recipient, "recipient");
        this.groups = recipient.groups();
        this.channel = Objects.requireNonNull(channel, "channel");
        this.queue = new OutboundQueue(queueCapacity);
        this.unwritableLimit = unwritableLimit;
        this.metrics = metrics;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Recipient recipient() {
        return recipient;
    }

    @Override
    public GroupMembership groups() {
        return groups;
    }

    /**
     * Routes this session by {@code active} from now on: its channel choice. Only a narrowing of
     * the recipient's own membership is accepted, so no choice can widen what it reads or writes.
     */
    public void useGroups(GroupMembership active) {
        GroupMembership full = recipient.groups();
        if (!full.in().containsAll(active.in()) || !full.out().containsAll(active.out())) {
            throw new IllegalArgumentException("active groups must be a subset of the membership: " + active);
        }
        this.groups = active;
    }

    public Channel channel() {
        return channel;
    }

    public WireFormat wireFormat() {
        return wireFormat;
    }

    /** Switches the encoding of everything written from now on. Call on the event loop only. */
    public void switchTo(WireFormat format) {
        this.wireFormat = format;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public String callsign() {
        return callsign;
    }

    @Override
    public String selfType() {
        return selfType;
    }

    @Override
    public void learnSelf(String newUid, String newCallsign, String type) {
        this.uid = newUid;
        if (newCallsign != null) {
            this.callsign = newCallsign;
        }
        this.selfType = type;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void deliver(RoutedEvent delivery) {
        if (disconnecting.get()) {
            return;
        }
        switch (queue.offer(delivery)) {
            case QUEUED, COALESCED -> {
                metrics.delivered();
                scheduleDrain();
            }
            case DROPPED -> metrics.dropped("queue-full");
            case OVERFLOW -> {
                metrics.dropped("slow-consumer");
                disconnect("slow-consumer", "outbound queue full with undroppable traffic");
            }
        }
    }

    /**
     * Runs {@code burst}, which delivers up to {@code items} deliveries at once (the picture on
     * connect), with that much room above the queue's capacity: a picture larger than the queue
     * is neither dropped nor taken for a slow consumer. The room is given back as it drains.
     */
    @Override
    public void deliverBurst(int items, Runnable burst) {
        queue.grantHeadroom(items);
        try {
            burst.run();
        } finally {
            queue.settleHeadroom();
        }
    }

    /** Writes {@code bytes} ahead of the queue, now. Event loop only; for protocol answers. */
    public void writeNow(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    public void defer(Duration delay, Runnable task) {
        channel.eventLoop().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void disconnect(String reason, String detail) {
        // close() is asynchronous from other threads: count and log the first reason only.
        if (channel.isActive() && disconnecting.compareAndSet(false, true)) {
            log.warn("closing session {} ({} {}): {} - {}", id, recipient.name(), channel.remoteAddress(),
                    reason, detail);
            metrics.closed(reason);
            channel.close();
        }
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(drainTask);
        }
    }

    /** Moves queued deliveries to the socket while it accepts them. Event loop only. */
    public void drain() {
        drainScheduled.set(false);
        if (!channel.isActive()) {
            queue.clear();
            return;
        }
        if (inDrain || deferUntilFlushInterval()) {
            return;
        }
        inDrain = true;
        boolean wrote = false;
        try {
            while (channel.isWritable() && queue.pollTo(draining, DRAIN_BATCH) > 0) {
                for (RoutedEvent next : draining) {
                    wrote |= write(next);
                }
                draining.clear();
            }
        } finally {
            draining.clear();
            inDrain = false;
        }
        if (wrote) {
            channel.flush();
            if (flushIntervalNanos > 0) {
                lastFlushNanos = channel.eventLoop().ticker().nanoTime();
            }
        }
        watchWritability();
    }

    /**
     * True when the last flush was less than the flush interval ago: a drain then runs at the end of
     * the interval, and until it does producers need not schedule one (they see one scheduled).
     */
    private boolean deferUntilFlushInterval() {
        if (flushIntervalNanos == 0 || lastFlushNanos == Long.MIN_VALUE) {
            return false;
        }
        long wait = lastFlushNanos + flushIntervalNanos - channel.eventLoop().ticker().nanoTime();
        if (wait <= 0) {
            return false;
        }
        drainScheduled.set(true);
        if (!drainDeferred) {
            drainDeferred = true;
            channel.eventLoop().schedule(deferredDrain, wait, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    private boolean write(RoutedEvent next) {
        byte[] bytes;
        try {
            bytes = next.bytes(wireFormat);
        } catch (RuntimeException e) {
            // The codecs refuse what they cannot write; one bad event must not stop this queue.
            metrics.dropped("encode-failed");
            log.warn("cannot encode {} {} as {}: {}", next.event().type(), next.event().uid(), wireFormat, e.toString());
            return false;
        }
        channel.write(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
        return true;
    }

    private void watchWritability() {
        if (channel.isWritable()) {
            unwritableSinceNanos = -1;
            return;
        }
        if (unwritableSinceNanos < 0) {
            unwritableSinceNanos = System.nanoTime();
            long since = unwritableSinceNanos;
            channel.eventLoop().schedule(() -> {
                if (unwritableSinceNanos == since && !channel.isWritable()) {
                    disconnect("slow-consumer", "socket unwritable for " + unwritableLimit.toMillis() + " ms");
                }
            }, unwritableLimit.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public int queued() {
        return queue.size();
    }

    @Override
    public String toString() {
        return "Session[" + id + ' ' + recipient.name() + (callsign == null ? "" : " " + callsign) + ']';
    }
}
