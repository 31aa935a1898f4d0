package org.kizuna.server.session;

import java.util.Arrays;
import java.util.List;
import org.kizuna.core.routing.RoutedEvent;

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
 * flat arrays and looks at a queued delivery or uid only when the hash codes match, and a write
 * does not touch the index at all. The router hands every update of an item the same uid string,
 * so that last look is mostly a reference comparison.
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
    private RoutedEvent[] ring = new RoutedEvent[INITIAL_RING];
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
     *
     * <p>Taking a delivery does not touch the index (that would be one more cache miss per write):
     * an entry whose slot has left the queue is stale, skipped by lookups and reused by inserts,
     * and the table is rebuilt from the ring when live and stale entries fill half of it. A lookup
     * trusts an entry only after comparing the uid of the delivery queued at its slot.
     */
    private long[] index;
    /** Entries in {@link #index}, live or stale. */
    private int indexUsed;
    /** Room above {@link #capacity} for a picture queued at once; given back one slot per poll. */
    private int headroom;

    public OutboundQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0: " + capacity);
        }
        this.capacity = capacity;
    }

    /** A key is queued at most once: a newer update for it replaces the queued one wherever it is. */
    public synchronized Offer offer(RoutedEvent delivery) {
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
        return indexedAt(key, hash);
    }

    private static boolean sameKey(String queued, String key) {
        return queued == key || key.equals(queued);
    }

    private void append(RoutedEvent delivery, String key, int hash) {
        if (size == ring.length) {
            growRing();
        }
        int seq = headSeq + size;
        ring[seq & (ring.length - 1)] = delivery;
        ringHashes[seq & (ring.length - 1)] = hash;
        if (unindexed == size && unindexed < SCAN_LIMIT) {
            unindexed++;
        } else if (key != null) {
            index(hash, seq);
        }
        size++;
    }

    /** Doubles the ring; every sequence number keeps its meaning, so the index stays valid. */
    private void growRing() {
        RoutedEvent[] grown = new RoutedEvent[ring.length * 2];
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
    public synchronized RoutedEvent poll() {
        return size == 0 ? null : take();
    }

    /**
     * Moves up to {@code max} deliveries, oldest first, into {@code into} under one lock; returns
     * how many. A delivery taken here is no longer coalesced: a newer one for its uid queues anew.
     */
    public synchronized int pollTo(List<RoutedEvent> into, int max) {
        int n = 0;
        while (n < max && size > 0) {
            into.add(take());
            n++;
        }
        return n;
    }

    private RoutedEvent take() {
        int seq = headSeq;
        int at = seq & (ring.length - 1);
        RoutedEvent taken = ring[at];
        ring[at] = null;
        headSeq++;
        size--;
        if (headroom > 0) {
            headroom--;
        }
        if (unindexed > 0) {
            unindexed--; // the head is always one of them; an indexed one just goes stale
        }
        if (size == 0) {
            emptied();
        }
        return taken;
    }

    public synchronized int size() {
        return size;
    }

    public synchronized void clear() {
        ring = new RoutedEvent[INITIAL_RING];
        ringHashes = new int[INITIAL_RING];
        size = 0;
        unindexed = 0;
        index = null;
        indexUsed = 0;
        headroom = 0;
    }

    /** An empty queue indexes nothing: the index starts afresh, and a large ring is given back. */
    private void emptied() {
        if (ring.length > KEPT_RING) {
            ring = new RoutedEvent[INITIAL_RING];
            ringHashes = new int[INITIAL_RING];
            index = null;
        } else if (indexUsed > 0) {
            Arrays.fill(index, 0L);
        }
        indexUsed = 0;
    }

    // The index: uid hash -> sequence number, linear probing, at most half full (live and stale
    // entries together); an entry goes stale when its slot is taken, and a rebuild drops the stale.

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

    /** The ring index of the live slot an entry points to, or -1 when its slot has left the queue. */
    private int liveAt(long entry) {
        int seq = (int) entry & SEQ_BITS;
        return ((seq - headSeq) & SEQ_BITS) < size ? seq & (ring.length - 1) : -1;
    }

    /** Where in the ring an indexed delivery for {@code key} is queued, or -1. */
    private int indexedAt(String key, int hash) {
        if (indexUsed == 0) {
            return -1;
        }
        int mask = index.length - 1;
        for (int i = home(hash, mask); ; i = (i + 1) & mask) {
            long e = index[i];
            if (e == 0) {
                return -1;
            }
            if (hashOf(e) == hash) {
                int at = liveAt(e);
                if (at >= 0 && sameKey(ring[at].coalesceKey(), key)) {
                    return at;
                }
            }
        }
    }

    /** Indexes the slot {@code seq} (whose uid is not indexed live), in a stale entry's place if one is on the way. */
    private void index(int hash, int seq) {
        if (index == null) {
            index = new long[INITIAL_INDEX];
        } else if ((indexUsed + 1) * 2 > index.length) {
            rebuild();
        }
        int mask = index.length - 1;
        int i = home(hash, mask);
        while (index[i] != 0 && liveAt(index[i]) >= 0) {
            i = (i + 1) & mask;
        }
        if (index[i] == 0) {
            indexUsed++;
        }
        index[i] = entry(hash, seq);
    }

    /**
     * A new table holding only the live indexed slots, at most a quarter full: sized for every slot
     * past the scanned head, which bounds the keyed ones among them.
     */
    private void rebuild() {
        int ringMask = ring.length - 1;
        int length = INITIAL_INDEX;
        while (length < (size - unindexed) * 4) {
            length <<= 1;
        }
        index = new long[length];
        indexUsed = 0;
        int mask = length - 1;
        for (int i = unindexed; i < size; i++) {
            int seq = headSeq + i;
            int at = seq & ringMask;
            if (ring[at].coalesceKey() != null) {
                int slot = home(ringHashes[at], mask);
                while (index[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                index[slot] = entry(ringHashes[at], seq);
                indexUsed++;
            }
        }
    }
}
