package org.kizuna.federation.link;

import java.util.List;
import org.kizuna.federation.wire.FederationProtocol.Frame;

/**
 * What one link keeps across a restart of this node: its outbound log's epoch and durable frames,
 * how far the partner acknowledged them, the highest sequence number handed out, and the receive
 * position in the partner's log. Positions are not kept: they resync from the picture.
 *
 * <p>{@link #memory()} keeps nothing (tests, benchmarks, a node without a data directory);
 * {@link LinkJournal} writes an append-only journal. A write that fails throws
 * {@link java.io.UncheckedIOException}: the frame was not accepted.
 */
interface LinkStore extends AutoCloseable {

    /**
     * What a previous run left, or a fresh start.
     *
     * @param epoch           the outbound log's epoch (new and already recorded on a fresh start)
     * @param sequenceFloor   every sequence number at or below it may have been sent: continue above
     * @param acknowledged    the partner has everything up to here
     * @param frames          durable frames after {@code acknowledged}, in sequence order
     * @param receivedEpoch   the partner's log epoch the receive position refers to (0: none)
     * @param receivedLast    the highest sequence taken from that log
     * @param restored        true when a previous run's state was found
     */
    record Recovered(long epoch, long sequenceFloor, long acknowledged, List<Stored> frames, long receivedEpoch,
                     long receivedLast, boolean restored) {
    }

    /**
     * One durable outbound frame as stored.
     *
     * @param shaping the release stamp's shaping of an event frame ({@link org.kizuna.core.federation.ReleaseStamp#shaping()});
     *                {@code null} for other frames, and for event frames an older journal stored without it
     */
    record Stored(long sequence, Frame frame, String shaping) {
    }

    Recovered recovered();

    /**
     * A durable frame was appended to the outbound log; written before the log accepts it.
     *
     * @param shaping for an event frame, the shaping it was released with (restored with it); else {@code null}
     */
    void frame(long sequence, Frame frame, String shaping);

    /**
     * A durable frame the partner has not acknowledged was withdrawn (the release guard no longer
     * releases it): a restart must not restore it. Not forced: a withdrawal lost in a crash only
     * means the frame is restored and decided again, and withdrawn again, after the restart.
     */
    void withdrawn(long sequence);

    /** Sequence numbers up to {@code upTo} may now be handed out; forced before returning. */
    void reserve(long upTo);

    /** The partner acknowledged everything up to {@code upTo}: what it covers may be compacted away. */
    void acknowledged(long upTo);

    /** The receive position: everything up to {@code last} of the partner's log {@code epoch} was taken. */
    void received(long epoch, long last);

    /** Group commit: forces what was written since the last call. Link thread, every sync interval. */
    void sync();

    @Override
    void close();

    /** Keeps nothing: a restart starts a new epoch. */
    static LinkStore memory() {
        return new LinkStore() {
            private final Recovered fresh = new Recovered(Epochs.next(), 0, 0, List.of(), 0, 0, false);

            @Override
            public Recovered recovered() {
                return fresh;
            }

            @Override
            public void frame(long sequence, Frame frame, String shaping) {
            }

            @Override
            public void withdrawn(long sequence) {
            }

            @Override
            public void reserve(long upTo) {
            }

            @Override
            public void acknowledged(long upTo) {
            }

            @Override
            public void received(long epoch, long last) {
            }

            @Override
            public void sync() {
            }

            @Override
            public void close() {
            }
        };
    }
}
