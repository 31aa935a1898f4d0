package org.kizuna.federation.link;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.federation.FederationMetrics;
import org.kizuna.federation.LinkSettings;
import org.kizuna.federation.LinkStorage;
import org.kizuna.federation.Partner;
import org.kizuna.federation.wire.FederationProtocol.ErrorCode;
import org.kizuna.federation.wire.FederationProtocol.Frame;
import org.kizuna.federation.wire.FederationProtocol.Heartbeat;
import org.kizuna.federation.wire.FederationProtocol.Hello;
import org.kizuna.federation.wire.FederationProtocol.LinkError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link to one partner: outlives its streams. It keeps the outbound log and the receive
 * position across cuts, dials (when configured) and redials with backoff, adopts the partner's
 * streams, and moves frames both ways.
 *
 * <p>Threading: every state change and every gRPC call happens on the link's own thread.
 * {@link #offer} runs on router threads and only appends to the thread-safe log; gRPC callbacks
 * are handed to the link thread tagged with their stream's generation, so a late callback of an
 * old stream is recognised and ignored.
 */
public final class Link implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Link.class);
    static final int PROTOCOL_VERSION = 1;
    /** Frames requested when a stream opens; then one per token of the inbound rate. */
    private static final int INITIAL_CREDIT = 64;

    private final String localNode;
    private final String nation;
    private final Partner partner;
    private final LinkSettings settings;
    private final FederationMetrics metrics;
    private final Dialer dialer;
    private final Supplier<List<Routed>> localPicture;
    private final InboundEvents inbound;
    private final LinkStorage storage;
    private final LinkStore store;
    private final ScheduledExecutorService syncer;
    private final OutboundLog outbound;
    private final Acknowledgements acks;
    private final Backoff backoff;
    private final Outbox outbox;
    private final ReleaseAtSend releaseAtSend;
    private final InboundCredit credit;
    private final ScheduledExecutorService loop;
    private final AtomicInteger generations = new AtomicInteger();
    private final AtomicBoolean pumpScheduled = new AtomicBoolean();
    /** Once: a removed partner's link is closed at the removal and again when the node stops. */
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile LinkState state = LinkState.NEW;
    /** {@link System#nanoTime()} when the link last became active (what a resume is timed from). */
    private volatile long activeSinceNanos;
    // Link thread only:
    private FrameStream stream;
    private long cursor;
    private long lastHeard;
    private long lastSent;
    /** Positions are not stored: after a restart, the first partner to come back gets our picture. */
    private boolean seedAfterRestart;
    /** Nor are the partner's items in our picture: we ask for them until a link was active once. */
    private boolean pictureWanted;

    /** @param dialer how to reach the partner, or {@code null} when the partner dials us */
    public Link(String localNode, String nation, Partner partner, LinkSettings settings, LinkStorage storage,
                FederationMetrics metrics, PartnerRelease release, Dialer dialer, InboundEvents.Factory inboundFactory,
                Supplier<List<Routed>> localPicture, java.time.Clock clock) throws IOException {
        this.localNode = localNode;
        this.nation = nation;
        this.partner = partner;
        this.settings = settings;
        this.metrics = metrics;
        this.dialer = dialer;
        this.localPicture = localPicture;
        this.inbound = inboundFactory.create(partner);
        this.storage = storage;
        this.store = storage.durable()
                ? LinkJournal.open(storage.dir().resolve(partner.nodeId()), storage.syncInterval(),
                        LinkJournal.SEGMENT_BYTES, damaged -> metrics.journalDamaged(partner.nodeId(), damaged))
                : LinkStore.memory();
        this.outbound = new OutboundLog(settings.logCapacity(), store);
        this.seedAfterRestart = outbound.restored();
        this.pictureWanted = store.recovered().receivedEpoch() != 0;
        // Its own thread: a force takes milliseconds on a busy disk, and the link thread must keep pumping.
        this.syncer = storage.durable() && !storage.syncInterval().isZero()
                ? Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("kizuna-fed-sync-"
                        + partner.nodeId(), true))
                : null;
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), RandomGenerator.getDefault());
        this.loop = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("kizuna-fed-" + partner.nodeId(), true));
        this.acks = new Acknowledgements(this::onLoop, () -> stream, store);
        this.outbox = new Outbox(localNode, partner, settings, release, metrics, outbound, this::offerLater);
        this.releaseAtSend = new ReleaseAtSend(partner, release, metrics, outbound);
        this.credit = new InboundCredit(new InboundRate(settings.inboundPerSecond(), settings.inboundBurst(),
                        () -> clock.millis() * 1_000_000),
                loop, () -> stream, metrics, partner.nodeId());
    }

    public Partner partner() {
        return partner;
    }

    public LinkState state() {
        return state;
    }

    /** {@link System#nanoTime()} of the moment the link last became active; 0 before it ever did. */
    public long activeSinceNanos() {
        return activeSinceNanos;
    }

    /** Frames waiting for the partner's acknowledgement. */
    public int backlog() {
        return outbound.size();
    }

    public void start() {
        long heartbeat = settings.heartbeat().toNanos();
        loop.scheduleWithFixedDelay(() -> guarded(this::tick), heartbeat, heartbeat, TimeUnit.NANOSECONDS);
        long sync = storage.syncInterval().toNanos();
        if (syncer != null) {
            syncer.scheduleWithFixedDelay(() -> guarded(store::sync), sync, sync, TimeUnit.NANOSECONDS);
        }
        onLoop(() -> {
            if (dialer != null) {
                dial();
            } else {
                state = LinkState.WAITING;
            }
        });
    }

    // ---- outbound -------------------------------------------------------------------------

    /** Offers one routed event to this partner. Router threads; never blocks. */
    public void offer(Routed routed) {
        if (state != LinkState.CLOSED && outbox.offer(routed)) {
            schedulePump();
        }
    }

    /**
     * Holds a routed event back for a release delay on the link's thread, then offers it again
     * (the guard decides anew). Held events are in memory only: a restart drops them, as it drops
     * a local client's delayed deliveries; the item's next report is released in its turn.
     */
    private void offerLater(Routed routed, Duration delay) {
        metrics.outboundDelayed(partner.nodeId());
        loop.schedule(() -> guarded(() -> {
            if (state != LinkState.CLOSED && outbox.offerDue(routed)) {
                schedulePump();
            }
        }), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Asks the partner to remove an item it holds from us (the release guard, when a posture
     * tightens). Durable like chat: sent exactly once, after anything offered before it.
     */
    public void retract(String originUid, String reason) {
        if (outbox.retract(originUid, reason)) {
            schedulePump();
        }
    }

    private void schedulePump() {
        if (pumpScheduled.compareAndSet(false, true)) {
            onLoop(this::pump);
        }
    }

    /**
     * Runs {@code task}, logging what it throws: an executor would keep the exception in a future
     * nobody reads (and a periodic task would silently stop).
     */
    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("link to partner {} ({}): unexpected failure", partner, state, e);
        }
    }

    /** Runs {@code task} on the link thread; after {@link #close()} there is nothing left to do. */
    private void onLoop(Runnable task) {
        try {
            loop.execute(() -> guarded(task));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the link is closed: late gRPC callbacks and offers are dropped on purpose
        }
    }

    /** Sends what the log holds after the cursor; the guard has the last word on each event frame. */
    private void pump() {
        pumpScheduled.set(false);
        if (state != LinkState.ACTIVE || stream == null) {
            return;
        }
        while (stream.isReady()) {
            OutboundLog.Entry next = outbound.after(cursor);
            if (next == null) {
                break;
            }
            if (!releaseAtSend.mayGo(next)) {
                continue; // withdrawn from the log: the next entry is after it
            }
            stream.send(next.frame());
            cursor = next.sequence();
            metrics.eventOut(partner.nodeId());
        }
        lastSent = System.nanoTime();
        acks.flushIfDue();
    }

    // ---- streams ----------------------------------------------------------------------------

    private void dial() {
        state = LinkState.CONNECTING;
        int generation = generations.incrementAndGet();
        StreamCallbacks callbacks = new StreamCallbacks(generation, INITIAL_CREDIT, this::schedulePump, this::onLoop,
                this::onFrame, this::onEnd);
        try {
            dialer.dial(callbacks);
        } catch (RuntimeException e) {
            log.warn("cannot dial partner {} at {}: {}", partner, partner.dial(), e.toString());
            afterStreamEnd();
            return;
        }
        begin(new FrameStream(callbacks.requests(), generation, true));
    }

    /** The partner dialed us: called on a gRPC thread from the service method. */
    public StreamObserver<Frame> accept(ServerCallStreamObserver<Frame> out) {
        int generation = generations.incrementAndGet();
        out.disableAutoRequest();
        out.setOnReadyHandler(this::schedulePump);
        out.setOnCancelHandler(() -> onLoop(() -> onEnd(generation, "cancelled")));
        onLoop(() -> adopt(out, generation));
        return new StreamCallbacks(generation, INITIAL_CREDIT, this::schedulePump, this::onLoop, this::onFrame, this::onEnd);
    }

    /**
     * When both nodes dial, both streams may open; the one dialed by the node with the smaller id
     * stays, on both sides, so the two nodes agree without talking about it.
     */
    private void adopt(ServerCallStreamObserver<Frame> out, int generation) {
        FrameStream incoming = new FrameStream(out, generation, false);
        if (state == LinkState.CLOSED) {
            incoming.close(ErrorCode.SHUTTING_DOWN, "node shutting down");
            return;
        }
        if (stream != null) {
            boolean keepOurs = stream.dialed() && localNode.compareTo(partner.nodeId()) < 0;
            if (keepOurs) {
                log.info("partner {} dialed while our own stream is open: keeping ours (the smaller node id dials)",
                        partner);
                metrics.refused("duplicate-link");
                incoming.close(ErrorCode.DUPLICATE_LINK, "the stream dialed by " + localNode + " is preferred");
                return;
            }
            log.info("partner {} dialed again: its new stream replaces the {} one", partner,
                    stream.dialed() ? "dialed" : "older accepted");
            FrameStream old = stream;
            stream = null;
            old.close(ErrorCode.DUPLICATE_LINK, "replaced by a newer stream from " + partner.nodeId());
            metrics.linkClosed(partner.nodeId(), "replaced");
        }
        begin(incoming);
        incoming.request(INITIAL_CREDIT);
    }

    private void begin(FrameStream s) {
        stream = s;
        state = LinkState.HANDSHAKING;
        credit.newStream();
        lastHeard = System.nanoTime();
        s.send(Frame.newBuilder().setHello(Hello.newBuilder()
                .setNodeId(localNode).setNation(nation).setProtocolVersion(PROTOCOL_VERSION)
                .setLogEpoch(outbound.epoch()).setReceivedEpoch(acks.epoch()).setLastReceived(acks.last())
                .setPictureWanted(pictureWanted))
                .build());
        lastSent = lastHeard;
    }

    private void onFrame(int generation, Frame frame) {
        if (stream == null || stream.generation() != generation) {
            return; // a late frame of a stream we already left
        }
        lastHeard = System.nanoTime();
        if (frame.hasHello()) {
            hello(frame.getHello());
        } else if (frame.hasError()) {
            partnerError(frame.getError());
            return;
        } else if (state != LinkState.ACTIVE) {
            violation("a " + frame.getBodyCase() + " frame before the Hello");
            return;
        } else {
            switch (frame.getBodyCase()) {
                case EVENT -> received(frame.getEvent().getSequence(), frame.getEvent().getDurable(),
                        () -> inbound.event(frame.getEvent()));
                case RETRACTION -> received(frame.getRetraction().getSequence(), true,
                        () -> inbound.retraction(frame.getRetraction()));
                case ACK -> outbound.acknowledge(frame.getAck().getUpTo());
                case HEARTBEAT -> {
                }
                default -> {
                    violation("an empty frame");
                    return;
                }
            }
        }
        credit.frameTaken(stream);
    }

    private void partnerError(LinkError error) {
        if (error.getCode() == ErrorCode.SHUTTING_DOWN) {
            log.info("partner {} is shutting down", partner);
        } else {
            log.warn("partner {} ends the link: {} {}", partner, error.getCode(), error.getDetail());
        }
        closeStream(null, error.getCode().name(), false);
    }

    private void hello(Hello hello) {
        if (state != LinkState.HANDSHAKING) {
            violation("a second Hello");
            return;
        }
        if (!hello.getNodeId().equals(partner.nodeId())) {
            metrics.refused("wrong-node");
            log.warn("partner {} (by certificate) says it is node '{}': refused", partner, hello.getNodeId());
            closeStream(ErrorCode.WRONG_NODE, "this certificate belongs to node " + partner.nodeId(), false);
            return;
        }
        if (hello.getProtocolVersion() != PROTOCOL_VERSION) {
            metrics.refused("unsupported-version");
            closeStream(ErrorCode.UNSUPPORTED_VERSION, "this node speaks version " + PROTOCOL_VERSION, false);
            return;
        }
        acks.useEpoch(hello.getLogEpoch());
        boolean resumes = hello.getReceivedEpoch() == outbound.epoch();
        if (resumes) {
            outbound.acknowledge(hello.getLastReceived());
            cursor = hello.getLastReceived();
        } else {
            // The partner has nothing of this log (first contact, or it restarted): everything
            // still held goes, and the current picture first, as positions that coalesce.
            cursor = 0;
            seedPicture("starts from nothing of ours");
        }
        if (resumes && seedAfterRestart) {
            seedPicture("resumes our log after this node restarted (positions were not stored)");
        } else if (resumes && hello.getPictureWanted()) {
            seedPicture("restarted and asks for our picture");
        }
        seedAfterRestart = false;
        pictureWanted = false;
        activeSinceNanos = System.nanoTime();
        state = LinkState.ACTIVE;
        backoff.reset();
        metrics.linkOpened(partner.nodeId());
        log.info("federation link to {} active ({} stream); resuming after {}, {} frames waiting", partner,
                stream.dialed() ? "dialed" : "accepted", cursor, outbound.size());
        pump();
    }

    private void seedPicture(String why) {
        seedAfterRestart = false;
        int seeded = 0;
        for (Routed item : localPicture.get()) {
            seeded += outbox.offer(item) ? 1 : 0;
        }
        log.info("partner {} {}: {} current items offered", partner, why, seeded);
    }

    /**
     * Exactly once: a sequence already taken is a resend after a cut, skipped but acknowledged.
     * The position of a durable frame is recorded once it was processed (see {@link Acknowledgements}).
     */
    private void received(long sequence, boolean durable, Runnable process) {
        if (acks.take(sequence)) {
            process.run();
            if (durable) {
                acks.processedDurable();
            }
        } else {
            metrics.duplicate(partner.nodeId());
        }
    }

    // ---- endings ----------------------------------------------------------------------------

    private void violation(String what) {
        log.warn("partner {} broke the protocol: {}", partner, what);
        closeStream(ErrorCode.PROTOCOL_VIOLATION, what, false);
    }

    /** Ends the current stream on our initiative; {@code code} null when the partner already said why. */
    private void closeStream(ErrorCode code, String reason, boolean abort) {
        FrameStream s = stream;
        stream = null;
        if (s == null) {
            return;
        }
        if (abort) {
            s.abort(reason);
        } else if (code != null) {
            s.close(code, reason);
        } else {
            s.abort(reason);
        }
        metrics.linkClosed(partner.nodeId(), code == null ? "partner-error" : code.name().toLowerCase(java.util.Locale.ROOT));
        afterStreamEnd();
    }

    private void onEnd(int generation, String why) {
        if (stream == null || stream.generation() != generation) {
            return;
        }
        stream.ended();
        stream = null;
        metrics.linkClosed(partner.nodeId(), "transport");
        log.info("federation link to {} lost: {}", partner, why);
        afterStreamEnd();
    }

    private void afterStreamEnd() {
        if (state == LinkState.CLOSED) {
            return;
        }
        if (dialer == null) {
            state = LinkState.WAITING;
            return;
        }
        state = LinkState.BACKOFF;
        Duration delay = backoff.next();
        log.debug("redialing partner {} in {} ms", partner, delay.toMillis());
        loop.schedule(() -> guarded(() -> {
            if (state == LinkState.BACKOFF && stream == null) {
                dial();
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Heartbeats on a quiet link; a link that hears nothing for the idle timeout is cut and redialed. */
    private void tick() {
        if (stream == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastHeard > settings.idleTimeout().toNanos()) {
            log.warn("partner {} silent for {} s: cutting the link", partner, settings.idleTimeout().toSeconds());
            closeStream(ErrorCode.IDLE, "nothing heard", true);
            return;
        }
        if (state == LinkState.ACTIVE && now - lastSent >= settings.heartbeat().toNanos()) {
            stream.send(Frame.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                    .setSentAtMillis(System.currentTimeMillis())).build());
            lastSent = now;
        }
    }

    /**
     * Ends the current stream because the partner's certificate is no longer accepted (revoked):
     * the partner hears why, and its reconnects are refused at the handshake. A dialing link
     * keeps redialing with backoff, which the same check refuses until the partner has a new
     * certificate.
     */
    public void cut(String why) {
        onLoop(() -> {
            if (stream != null) {
                log.warn("federation link to {} cut: {}", partner, why);
                closeStream(ErrorCode.UNKNOWN_PARTNER, why, false);
            }
        });
    }

    /**
     * Closes the link for good because the partner was removed: the partner hears why (rather
     * than "shutting down"), nothing more is sent or accepted, and the link never dials again.
     */
    public void remove(String why) {
        onLoop(() -> {
            state = LinkState.CLOSED;
            FrameStream s = stream;
            stream = null;
            if (s != null) {
                s.close(ErrorCode.UNKNOWN_PARTNER, why);
                metrics.linkClosed(partner.nodeId(), "removed");
            }
            log.warn("federation link to {} closed for good: {}", partner, why);
        });
        close();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        onLoop(() -> {
            state = LinkState.CLOSED;
            FrameStream s = stream;
            stream = null;
            if (s != null) {
                s.close(ErrorCode.SHUTTING_DOWN, "node shutting down");
            }
        });
        loop.shutdown();
        try {
            if (!loop.awaitTermination(2, TimeUnit.SECONDS)) {
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            loop.shutdownNow();
            Thread.currentThread().interrupt();
        }
        state = LinkState.CLOSED;
        if (syncer != null) {
            syncer.shutdown();
            try {
                syncer.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        store.close();
    }

    @Override
    public String toString() {
        return "Link[" + partner + " " + state + " backlog=" + outbound.size() + "]";
    }
}
