package org.kizuna.federation.link;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;
import org.kizuna.core.federation.ReleaseStamp;
import org.kizuna.federation.wire.FederationProtocol.Frame;

/**
 * What this node still owes one partner: every frame from the oldest unacknowledged one on, by
 * sequence number. Frames stay until the partner acknowledges them, so a cut loses nothing: on
 * reconnect the partner says what it has and sending resumes after that.
 *
 * <p>Positions (frames with a coalesce key, the item uid) are kept at their latest only: a newer
 * position replaces the queued one, wherever it is, under a new sequence number. A partner that
 * comes back after a cut therefore gets the current state of every item, not every report it
 * missed. Everything else (chat, deletes, markers, retractions) is durable and kept in order.
 *
 * <p>Bounded at {@code capacity} frames. When full: a new position replaces the oldest queued
 * position (the partner will get that item's next report), counted as {@link Append#EVICTED};
 * when the log holds nothing but durable frames, the new frame is refused ({@link Append#FULL}),
 * and the caller counts and logs it. Durable frames are never evicted: what was accepted for a
 * partner reaches it exactly once or is reported refused at the door, never lost in between.
 *
 * <p>Each event frame carries the {@link ReleaseStamp} it was released under; the link asks the
 * release guard again just before sending it, and a frame the guard no longer releases is
 * {@link #withdraw withdrawn}: removed as if acknowledged, its sequence number left as a gap
 * (the receiver only needs numbers to grow).
 *
 * <p>Sequence numbers are per log; the log's random {@link #epoch()} tells a partner that a new
 * log starts again at 1. Thread-safe; critical sections are short.
 *
 * <p>Durability comes from its {@link LinkStore}: a durable frame is written to the store before
 * the log accepts it, acknowledgements are recorded, and sequence numbers are reserved in blocks
 * of {@value #RESERVE_BLOCK}, so that a log restored after a restart keeps its epoch and its
 * durable frames and never hands out a number it may already have sent (positions are not
 * stored: numbers above the last reservation are skipped, which the protocol allows).
 */
public final class OutboundLog {

    /** What {@link #append} did. */
    public enum Append { APPENDED, COALESCED, EVICTED, FULL }

    /**
     * One frame waiting to be sent or acknowledged.
     *
     * @param stamp what an event frame was released as (rebuilt from the frame when restored from
     *              the journal; {@code null} when that failed); {@code null} for other frames
     */
    public record Entry(long sequence, String coalesceKey, Frame frame, ReleaseStamp stamp) {
    }

    static final long RESERVE_BLOCK = 1 << 16;

    private final int capacity;
    private final LinkStore store;
    private final boolean restored;
    private final long epoch;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private final Map<String, Long> positionByKey = new HashMap<>();
    private final TreeSet<Long> positionSequences = new TreeSet<>();
    private long lastSequence;
    private long reserved;
    private long acknowledged;

    /** A log kept in memory only. */
    public OutboundLog(int capacity) {
        this(capacity, LinkStore.memory());
    }

    /** A log that continues what {@code store} recovered and records into it. */
    OutboundLog(int capacity, LinkStore store) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0: " + capacity);
        }
        this.capacity = capacity;
        this.store = store;
        LinkStore.Recovered r = store.recovered();
        this.epoch = r.epoch();
        this.restored = r.restored();
        this.lastSequence = r.sequenceFloor();
        this.reserved = r.sequenceFloor();
        this.acknowledged = r.acknowledged();
        for (LinkStore.Stored f : r.frames()) {
            entries.put(f.sequence(), new Entry(f.sequence(), null, f.frame(), RestoredStamps.of(f)));
        }
    }

    /** True when this log continues one a previous run of the node left. */
    public boolean restored() {
        return restored;
    }

    public long epoch() {
        return epoch;
    }

    /** Appends a frame that needs no release stamp (a retraction). */
    public Append append(String coalesceKey, LongFunction<Frame> frameFor) {
        return append(coalesceKey, frameFor, null);
    }

    /**
     * Appends the frame {@code frameFor} builds for the next sequence number.
     *
     * @param coalesceKey the item uid for a position, {@code null} for a durable frame
     * @param stamp       what an event frame was released as; its shaping is journalled with a durable one
     */
    public synchronized Append append(String coalesceKey, LongFunction<Frame> frameFor, ReleaseStamp stamp) {
        Append result = Append.APPENDED;
        if (coalesceKey != null) {
            Long queued = positionByKey.remove(coalesceKey);
            if (queued != null) {
                entries.remove(queued);
                positionSequences.remove(queued);
                result = Append.COALESCED;
            }
        }
        if (entries.size() >= capacity) {
            if (coalesceKey == null || positionSequences.isEmpty()) {
                return Append.FULL;
            }
            Entry evicted = entries.remove(positionSequences.pollFirst());
            positionByKey.remove(evicted.coalesceKey());
            result = Append.EVICTED;
        }
        long sequence = ++lastSequence;
        if (sequence > reserved) {
            store.reserve(sequence + RESERVE_BLOCK);
            reserved = sequence + RESERVE_BLOCK;
        }
        Frame frame = frameFor.apply(sequence);
        if (coalesceKey == null) {
            store.frame(sequence, frame, stamp == null ? null : stamp.shaping()); // may throw: then not accepted
        }
        entries.put(sequence, new Entry(sequence, coalesceKey, frame, stamp));
        if (coalesceKey != null) {
            positionByKey.put(coalesceKey, sequence);
            positionSequences.add(sequence);
        }
        return result;
    }

    /** The first entry after {@code sequence}, or {@code null}. */
    public synchronized Entry after(long sequence) {
        Map.Entry<Long, Entry> next = entries.higherEntry(sequence);
        return next == null ? null : next.getValue();
    }

    /** The partner has everything up to {@code sequence}: forget it. Older acknowledgements are ignored. */
    public synchronized void acknowledge(long sequence) {
        if (sequence <= acknowledged) {
            return;
        }
        acknowledged = Math.min(sequence, lastSequence);
        store.acknowledged(acknowledged);
        var done = entries.headMap(acknowledged, true);
        for (Entry e : done.values()) {
            if (e.coalesceKey() != null) {
                positionByKey.remove(e.coalesceKey(), e.sequence());
                positionSequences.remove(e.sequence());
            }
        }
        done.clear();
    }

    /**
     * Removes {@code entry} unsent: the release guard no longer releases it. Nothing when it is
     * no longer queued (a newer position replaced it meanwhile). A durable frame's withdrawal is
     * recorded in the store; when that write fails, the frame is still gone from this run (never
     * sent) and the exception says that a restart will decide it again.
     */
    public synchronized void withdraw(Entry entry) {
        if (entries.get(entry.sequence()) != entry) {
            return;
        }
        entries.remove(entry.sequence());
        if (entry.coalesceKey() != null) {
            positionByKey.remove(entry.coalesceKey(), entry.sequence());
            positionSequences.remove(entry.sequence());
        } else {
            store.withdrawn(entry.sequence());
        }
    }

    public synchronized long acknowledged() {
        return acknowledged;
    }

    public synchronized long lastSequence() {
        return lastSequence;
    }

    /** Frames not yet acknowledged. */
    public synchronized int size() {
        return entries.size();
    }
}
