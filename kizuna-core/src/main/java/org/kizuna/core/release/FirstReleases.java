package org.kizuna.core.release;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which objects each recipient has been sent at least once since the node started, so that only
 * the first release of an object to a recipient reaches the audit log, not every position
 * update. Bounded: it remembers at most {@code capacity} (recipient, uid) pairs; past that, a
 * release it cannot remember is counted per recipient instead, and the counts are handed over
 * as summaries ({@link #takeUnrecorded}). The audit therefore grows by at most {@code capacity}
 * records plus one summary per recipient and flush, however long the node runs.
 *
 * <p>Called from every event loop. The common case, an object the recipient already had, is two
 * lookups and no allocation.
 */
public final class FirstReleases {

    private final int capacity;
    private final Map<String, Set<String>> uidsByRecipient = new ConcurrentHashMap<>();
    private final AtomicInteger remembered = new AtomicInteger();
    private final Map<String, LongAdder> unrecorded = new ConcurrentHashMap<>();

    public FirstReleases(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0: " + capacity);
        }
        this.capacity = capacity;
    }

    /** What became of one release. */
    public enum Outcome {
        /** The recipient had it before: nothing to record. */
        REPEAT,
        /** The first release of this object to this recipient: record it. */
        FIRST,
        /** Possibly a first release, but the tracker is full: counted for a summary instead. */
        UNRECORDED
    }

    public Outcome released(String recipient, String uid) {
        Set<String> uids = uidsByRecipient.get(recipient);
        if (uids != null && uids.contains(uid)) {
            return Outcome.REPEAT;
        }
        if (remembered.get() >= capacity) {
            unrecorded.computeIfAbsent(recipient, r -> new LongAdder()).increment();
            return Outcome.UNRECORDED;
        }
        if (uids == null) {
            uids = uidsByRecipient.computeIfAbsent(recipient, r -> ConcurrentHashMap.newKeySet());
        }
        if (!uids.add(uid)) {
            return Outcome.REPEAT; // another event loop recorded it a moment ago
        }
        remembered.incrementAndGet();
        return Outcome.FIRST;
    }

    /**
     * False only when {@code recipient} was certainly never handed {@code uid}: nothing recorded,
     * and the tracker never full (once full, a release may have gone unrecorded).
     */
    public boolean mayHaveReleased(String recipient, String uid) {
        Set<String> uids = uidsByRecipient.get(recipient);
        return (uids != null && uids.contains(uid)) || remembered.get() >= capacity;
    }

    /** The releases counted since the last call, by recipient, and resets them. */
    public Map<String, Long> takeUnrecorded() {
        Map<String, Long> taken = new TreeMap<>();
        for (Map.Entry<String, LongAdder> e : unrecorded.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n > 0) {
                taken.put(e.getKey(), n);
            }
        }
        return taken;
    }

    public int remembered() {
        return remembered.get();
    }
}
