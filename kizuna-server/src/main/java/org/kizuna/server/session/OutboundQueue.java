package org.kizuna.server.session;

import java.util.List;
import org.kizuna.server.routing.Delivery;

/**
 * A session's bounded queue of deliveries waiting for its socket to accept them.
 *
 * <p>Position-like updates carry a coalesce key (the item uid): a newer update for a uid that is
 * still queued replaces the older one in place, so a slow client gets the latest state of every
 * item, not a backlog of stale positions. Everything else (chat, deletes, control answers) is kept
 * in order and never replaced.
 *
 * <p>Producers are other event loops; the consumer is the session's own event loop. A plain lock
 * keeps this simple and correct; the critical sections are a few field updates.
 *
 * <p>Why the layout: a broadcast offers one delivery to every session in turn, so each offer lands
 * on another session's queue, whose memory is cold in the producer's cache. With a {@code HashMap}
 * of queue slots, cache misses in those maps were half of the I/O loops' time once queues backed
 * up (JFR, docs/performance.md). Here the queue is a ring of the deliveries themselves beside a
 * ring of their uids' hash codes, and the index an open-addressing table whose entries pack a
 * uid's hash code with its ring position in one {@code long}: an offer reads a line or two of
 * flat arrays and looks at a queued delivery or uid only when the hash codes match. The router
 * hands every update of an item the same uid string, so that last look is mostly a reference
 * comparison.
 */
public final class OutboundQueue {

    /** What {@link #offer} did with a delivery. */
    public enum Offer {
        /** Appended at the tail. */
        QUEUED,
        /** Replaced a queued delivery with the same coalesce key. */
        COALESCED,
        /** The queue is full and the delivery may be dropped (a position update). */
        DROPPED,
        /** The queue is full and the delivery must not be dropped: the consumer is too slow. */
        OVERFLOW
    }

    /** Most slots an offer compares one by one before the index takes over. */
    static final int SCAN_LIMIT = 8;
    private static final int INITIAL_RING = 8;
    /** An emptied ring longer than this is given back, so a past burst does not hold memory. */
    private static final int KEPT_RING = 64;
    private static final int INITIAL_INDEX = 16;
    private static final long OCCUPIED = 0x8000_0000L;
    private static final int SEQ_BITS = 0x7FFF_FFFF;

    private final int capacity;
    /** Queued deliveries; the one with sequence number s is at {@code ring[s & (ring.length - 1)]}. */
    private Delivery[] ring = new Delivery[INITIAL_RING];
    /** The hash code of each queued delivery's coalesce key (0 without one), beside {@link #ring}. */
    private int[] ringHashes = new int[INITIAL_RING];
    /** Sequence number of the oldest delivery. Sequence numbers wrap: only differences and masks are used. */
    private int headSeq;
    private int size;
    /**
     * The first {@code unindexed} slots are not in the index: while a queue holds fewer than
     * {@link #SCAN_LIMIT} slots, all of them unindexed, a new slot joins them. Most deliveries meet
     * a queue of a few slots (the drain comes within a flush interval) and leave before the next
     * one for their uid, so they never cost an index update. Offers compare these few slots as well
     * as the index, so coalescing is unchanged.
     */
    private int unindexed;
    /**
     * The index (open addressing, linear probing, at most half full): each entry is the uid's hash
     * code in the high word and, in the low word, {@link #OCCUPIED} with the low 31 bits of the
     * slot's sequence number (enough for a ring index). 0 is an empty entry. Null until a slot is
     * indexed.
     */
    private long[] index;
    /** The uid of each {@link #index} entry, read only when its hash code matches. */
    private String[] indexKeys;
    private int indexed;
    /** Room above {@link #capacity} for a picture queued at once; given back one slot per poll. */
    private int headroom;

    public OutboundQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0: " + capacity);
        }
        this.capacity = capacity;
    }

    /** A key is queued at most once: a newer update for it replaces the queued one wherever it is. */
    public synchronized Offer offer(Delivery delivery) {
        String key = delivery.coalesceKey();
        boolean full = size >= capacity + headroom;
        if (key == null) {
            if (full) {
                return Offer.OVERFLOW;
            }
            append(delivery, null, 0);
            return Offer.QUEUED;
        }
        int hash = key.hashCode();
        int at = ringIndexOf(key, hash);
        if (at >= 0) {
            ring[at] = delivery;
            return Offer.COALESCED;
        }
        if (full) {
            return Offer.DROPPED;
        }
        append(delivery, key, hash);
        return Offer.QUEUED;
    }

    /** Where in the ring {@code key} is queued, or -1. */
    private int ringIndexOf(String key, int hash) {
        int mask = ring.length - 1;
        for (int i = 0; i < unindexed; i++) {
            int at = (headSeq + i) & mask;
            if (ringHashes[at] == hash && sameKey(ring[at].coalesceKey(), key)) {
                return at;
            }
        }
        int slot = indexSlotOf(key, hash);
        return slot < 0 ? -1 : (int) index[slot] & mask;
    }

    private static boolean sameKey(String queued, String key) {
        return queued == key || key.equals(queued);
    }

    private void append(Delivery delivery, String key, int hash) {
        if (size == ring.length) {
            growRing();
        }
        int seq = headSeq + size;
        ring[seq & (ring.length - 1)] = delivery;
        ringHashes[seq & (ring.length - 1)] = hash;
        if (unindexed == size && unindexed < SCAN_LIMIT) {
            unindexed++;
        } else if (key != null) {
            index(key, hash, seq);
        }
        size++;
    }

    /** Doubles the ring; every sequence number keeps its meaning, so the index stays valid. */
    private void growRing() {
        Delivery[] grown = new Delivery[ring.length * 2];
        int[] grownHashes = new int[grown.length];
        int oldMask = ring.length - 1;
        int newMask = grown.length - 1;
        for (int i = 0; i < size; i++) {
            int seq = headSeq + i;
            grown[seq & newMask] = ring[seq & oldMask];
            grownHashes[seq & newMask] = ringHashes[seq & oldMask];
        }
        ring = grown;
        ringHashes = grownHashes;
    }

    /**
     * Makes room for {@code items} more deliveries above the capacity, for a burst the node itself
     * queues at once (the current picture for a client that connects). The room shrinks by one
     * with every delivery taken, so once the burst is written the queue is back to its capacity;
     * call {@link #settleHeadroom} after queuing the burst to give back what it did not use.
     */
    public synchronized void grantHeadroom(int items) {
        if (items < 0) {
            throw new IllegalArgumentException("items must be >= 0: " + items);
        }
        headroom += items;
    }

    /** Keeps only the headroom the queue uses now (what it holds above its capacity). */
    public synchronized void settleHeadroom() {
        headroom = Math.max(0, size - capacity);
    }

    /** The next delivery, or {@code null} when empty. */
    public synchronized Delivery poll() {
        return size == 0 ? null : take();
    }

    /**
     * Moves up to {@code max} deliveries, oldest first, into {@code into} under one lock; returns
     * how many. A delivery taken here is no longer coalesced: a newer one for its uid queues anew.
     */
    public synchronized int pollTo(List<Delivery> into, int max) {
        int n = 0;
        while (n < max && size > 0) {
            into.add(take());
            n++;
        }
        return n;
    }

    private Delivery take() {
        int seq = headSeq;
        int at = seq & (ring.length - 1);
        Delivery taken = ring[at];
        ring[at] = null;
        headSeq++;
        size--;
        if (headroom > 0) {
            headroom--;
        }
        if (unindexed > 0) {
            unindexed--; // the head is always one of them
        } else if (taken.coalesceKey() != null) {
            unindex(taken.coalesceKey(), ringHashes[at], seq);
        }
        if (size == 0 && ring.length > KEPT_RING) {
            ring = new Delivery[INITIAL_RING];
            ringHashes = new int[INITIAL_RING];
            index = null;
            indexKeys = null;
        }
        return taken;
    }

    public synchronized int size() {
        return size;
    }

    public synchronized void clear() {
        ring = new Delivery[INITIAL_RING];
        ringHashes = new int[INITIAL_RING];
        size = 0;
        unindexed = 0;
        index = null;
        indexKeys = null;
        indexed = 0;
        headroom = 0;
    }

    // The index: uid -> sequence number, linear probing, at most half full, deletion by backward shift.

    private static int home(int hash, int mask) {
        int h = hash * 0x9E3779B9; // spreads uids that differ only in their last characters
        return (h ^ (h >>> 16)) & mask;
    }

    private static long entry(int hash, int seq) {
        return ((long) hash << 32) | OCCUPIED | (seq & SEQ_BITS);
    }

    private static int hashOf(long entry) {
        return (int) (entry >>> 32);
    }

    private int indexSlotOf(String key, int hash) {
        if (indexed == 0) {
            return -1;
        }
        int mask = index.length - 1;
        for (int i = home(hash, mask); ; i = (i + 1) & mask) {
            long e = index[i];
            if (e == 0) {
                return -1;
            }
            if (hashOf(e) == hash && sameKey(indexKeys[i], key)) {
                return i;
            }
        }
    }

    private void index(String key, int hash, int seq) {
        if (index == null) {
            index = new long[INITIAL_INDEX];
            indexKeys = new String[INITIAL_INDEX];
        } else if ((indexed + 1) * 2 > index.length) {
            rehash(index.length * 2);
        }
        put(key, entry(hash, seq));
        indexed++;
    }

    private void put(String key, long entry) {
        int mask = index.length - 1;
        int i = home(hashOf(entry), mask);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = entry;
        indexKeys[i] = key;
    }

    private void rehash(int length) {
        long[] entries = index;
        String[] keys = indexKeys;
        index = new long[length];
        indexKeys = new String[length];
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] != 0) {
                put(keys[i], entries[i]);
            }
        }
    }

    /** Removes {@code key} when it points at {@code seq}; later entries of its probe run move back into the gap. */
    private void unindex(String key, int hash, int seq) {
        int hole = indexSlotOf(key, hash);
        if (hole < 0 || index[hole] != entry(hash, seq)) {
            return;
        }
        int mask = index.length - 1;
        for (int j = (hole + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int home = home(hashOf(index[j]), mask);
            // The entry at j may fill the hole when the hole lies on its probe path (home .. j).
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                index[hole] = index[j];
                indexKeys[hole] = indexKeys[j];
                hole = j;
            }
        }
        index[hole] = 0;
        indexKeys[hole] = null;
        indexed--;
    }
}
