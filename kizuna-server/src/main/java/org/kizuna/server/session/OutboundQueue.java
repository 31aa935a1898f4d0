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
 * up (JFR, docs/performance.md). Here the queue is a ring of the deliveries themselves (which the
 * sessions share, so they are mostly warm) and the index an open-addressing table of uid and ring
 * position in two flat arrays: an offer touches a line or two of each. The router hands every
 * update of an item the same uid string, so the table compares by reference first.
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

    private final int capacity;
    /** Queued deliveries; the one with sequence number s is at {@code ring[s & (ring.length - 1)]}. */
    private Delivery[] ring = new Delivery[INITIAL_RING];
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
    /** Uid of each indexed slot (open addressing, linear probing); null until a slot is indexed. */
    private String[] indexKeys;
    /** Sequence number of the slot each {@link #indexKeys} entry points to. */
    private int[] indexSeqs;
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
            if (sameKey(ring[at].coalesceKey(), key, hash)) {
                return at;
            }
        }
        int slot = indexSlotOf(key, hash);
        return slot < 0 ? -1 : indexSeqs[slot] & mask;
    }

    private static boolean sameKey(String queued, String key, int hash) {
        return queued == key || (queued != null && queued.hashCode() == hash && queued.equals(key));
    }

    private void append(Delivery delivery, String key, int hash) {
        if (size == ring.length) {
            growRing();
        }
        int seq = headSeq + size;
        ring[seq & (ring.length - 1)] = delivery;
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
        int oldMask = ring.length - 1;
        int newMask = grown.length - 1;
        for (int i = 0; i < size; i++) {
            int seq = headSeq + i;
            grown[seq & newMask] = ring[seq & oldMask];
        }
        ring = grown;
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
            unindex(taken.coalesceKey(), seq);
        }
        if (size == 0 && ring.length > KEPT_RING) {
            ring = new Delivery[INITIAL_RING];
            indexKeys = null;
            indexSeqs = null;
        }
        return taken;
    }

    public synchronized int size() {
        return size;
    }

    public synchronized void clear() {
        ring = new Delivery[INITIAL_RING];
        size = 0;
        unindexed = 0;
        indexKeys = null;
        indexSeqs = null;
        indexed = 0;
        headroom = 0;
    }

    // The index: uid -> sequence number, linear probing, at most half full, deletion by backward shift.

    private static int home(int hash, int mask) {
        int h = hash * 0x9E3779B9; // spreads uids that differ only in their last characters
        return (h ^ (h >>> 16)) & mask;
    }

    private int indexSlotOf(String key, int hash) {
        if (indexed == 0) {
            return -1;
        }
        int mask = indexKeys.length - 1;
        for (int i = home(hash, mask); ; i = (i + 1) & mask) {
            String k = indexKeys[i];
            if (k == null) {
                return -1;
            }
            if (sameKey(k, key, hash)) {
                return i;
            }
        }
    }

    private void index(String key, int hash, int seq) {
        if (indexKeys == null) {
            indexKeys = new String[INITIAL_INDEX];
            indexSeqs = new int[INITIAL_INDEX];
        } else if ((indexed + 1) * 2 > indexKeys.length) {
            rehash(indexKeys.length * 2);
        }
        put(key, hash, seq);
        indexed++;
    }

    private void put(String key, int hash, int seq) {
        int mask = indexKeys.length - 1;
        int i = home(hash, mask);
        while (indexKeys[i] != null) {
            i = (i + 1) & mask;
        }
        indexKeys[i] = key;
        indexSeqs[i] = seq;
    }

    private void rehash(int length) {
        String[] keys = indexKeys;
        int[] seqs = indexSeqs;
        indexKeys = new String[length];
        indexSeqs = new int[length];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                put(keys[i], keys[i].hashCode(), seqs[i]);
            }
        }
    }

    /** Removes {@code key} when it points at {@code seq}; later entries of its probe run move back into the gap. */
    private void unindex(String key, int seq) {
        int hole = indexSlotOf(key, key.hashCode());
        if (hole < 0 || indexSeqs[hole] != seq) {
            return;
        }
        int mask = indexKeys.length - 1;
        for (int j = (hole + 1) & mask; indexKeys[j] != null; j = (j + 1) & mask) {
            int home = home(indexKeys[j].hashCode(), mask);
            // The entry at j may fill the hole when the hole lies on its probe path (home .. j).
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                indexKeys[hole] = indexKeys[j];
                indexSeqs[hole] = indexSeqs[j];
                hole = j;
            }
        }
        indexKeys[hole] = null;
        indexed--;
    }
}
