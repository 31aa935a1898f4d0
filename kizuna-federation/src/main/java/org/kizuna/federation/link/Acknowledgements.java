package org.kizuna.federation.link;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.kizuna.federation.wire.FederationProtocol.Ack;
import org.kizuna.federation.wire.FederationProtocol.Frame;

/**
 * The receiving side of one link: which sequences were taken ({@link ReceivedSequence}) and when
 * to tell the partner. An acknowledgement goes once the frames that arrived together are
 * processed (a task queued behind them on the link thread), and at least every
 * {@value #ACK_EVERY} frames while they keep coming, so the partner's log stays short. Link
 * thread only.
 *
 * <p>The receive position is recorded in the link's {@link LinkStore} after every durable frame
 * was processed (routed to local clients) and before every acknowledgement, so a restarted node
 * resumes where it was instead of taking the partner's backlog again. The window left: a kill
 * between routing a durable frame and recording its sequence (a single write call) makes that
 * one frame arrive again after the restart.
 */
final class Acknowledgements {

    static final int ACK_EVERY = 256;

    private final ReceivedSequence received = new ReceivedSequence();
    private final Consumer<Runnable> onLoop;
    private final Supplier<FrameStream> stream;
    private final LinkStore store;
    private boolean due;
    private boolean scheduled;
    private int since;

    Acknowledgements(Consumer<Runnable> onLoop, Supplier<FrameStream> stream) {
        this(onLoop, stream, LinkStore.memory());
    }

    Acknowledgements(Consumer<Runnable> onLoop, Supplier<FrameStream> stream, LinkStore store) {
        this.onLoop = onLoop;
        this.stream = stream;
        this.store = store;
        LinkStore.Recovered r = store.recovered();
        received.restore(r.receivedEpoch(), r.receivedLast());
    }

    long epoch() {
        return received.epoch();
    }

    long last() {
        return received.last();
    }

    /** The partner's Hello names the log it sends from. */
    void useEpoch(long partnerEpoch) {
        received.useEpoch(partnerEpoch);
        store.received(received.epoch(), received.last());
    }

    /** A durable frame taken by {@link #take} was processed: record the position now. */
    void processedDurable() {
        store.received(received.epoch(), received.last());
    }

    /** True when {@code sequence} is new; either way an acknowledgement will follow. */
    boolean take(long sequence) {
        boolean fresh = received.accept(sequence);
        due = true;
        if (++since >= ACK_EVERY) {
            send();
        } else if (!scheduled) {
            scheduled = true;
            onLoop.accept(() -> {
                scheduled = false;
                flushIfDue();
            });
        }
        return fresh;
    }

    void flushIfDue() {
        if (due) {
            send();
        }
    }

    private void send() {
        due = false;
        since = 0;
        store.received(received.epoch(), received.last());
        FrameStream s = stream.get();
        if (s != null) {
            s.send(Frame.newBuilder().setAck(Ack.newBuilder().setUpTo(received.last())).build());
        }
    }
}
