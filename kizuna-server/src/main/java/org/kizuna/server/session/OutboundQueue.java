package org.kizuna.server.session;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
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

    private static final class Slot {
        Delivery delivery;

        Slot(Delivery delivery) {
            this.delivery = delivery;
        }
    }

    /** Most slots an offer compares one by one before the map takes over. */
    static final int SCAN_LIMIT = 8;

    private final int capacity;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private final Map<String, Slot> byKey = new HashMap<>();
    /**
     * The first {@code unindexed} slots are not in {@link #byKey}: while a queue holds fewer than
     * {@link #SCAN_LIMIT} slots, all of them unindexed, a new slot joins them. Most deliveries meet
     * a queue of a few slots (the drain comes within a flush interval) and leave before the next
     * one for their uid, and the map operations on each session's map were the costliest part of
     * queueing. Offers scan these few slots as well as the map, so coalescing is unchanged.
     */
    private int unindexed;
    /** Room above {@link #capacity} for a picture queued at once; given back one slot per poll. */
    private int headroom;

    public OutboundQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0: " + capacity);
        }
        this.capacity = capacity;
    }

    /** At most one map operation per delivery, none while the queue is short (see {@link #unindexed}). */
    public synchronized Offer offer(Delivery delivery) {
        String key = delivery.coalesceKey();
        boolean full = slots.size() >= capacity + headroom;
        if (key == null) {
            if (full) {
                return Offer.OVERFLOW;
            }
            append(new Slot(delivery));
            return Offer.QUEUED;
        }
        if (unindexed > 0) {
            Iterator<Slot> head = slots.iterator();
            for (int i = 0; i < unindexed; i++) {
                Slot s = head.next();
                if (key.equals(s.delivery.coalesceKey())) {
                    s.delivery = delivery;
                    return Offer.COALESCED;
                }
            }
        }
        if (full) {
            Slot queued = byKey.get(key);
            if (queued == null) {
                return Offer.DROPPED;
            }
            queued.delivery = delivery;
            return Offer.COALESCED;
        }
        Slot slot = new Slot(delivery);
        if (append(slot)) {
            return Offer.QUEUED;
        }
        Slot queued = byKey.putIfAbsent(key, slot);
        if (queued != null) {
            queued.delivery = delivery;
            return Offer.COALESCED;
        }
        slots.addLast(slot);
        return Offer.QUEUED;
    }

    /** Appends {@code slot}, unindexed while the queue is short; false when a keyed slot must go in the map first. */
    private boolean append(Slot slot) {
        boolean scanned = unindexed == slots.size() && unindexed < SCAN_LIMIT;
        if (scanned) {
            unindexed++;
            slots.addLast(slot);
            return true;
        }
        if (slot.delivery.coalesceKey() == null) {
            slots.addLast(slot);
            return true;
        }
        return false;
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
        headroom = Math.max(0, slots.size() - capacity);
    }

    /** The next delivery, or {@code null} when empty. */
    public synchronized Delivery poll() {
        Slot slot = slots.pollFirst();
        return slot == null ? null : taken(slot);
    }

    /**
     * Moves up to {@code max} deliveries, oldest first, into {@code into} under one lock; returns
     * how many. A delivery taken here is no longer coalesced: a newer one for its uid queues anew.
     */
    public synchronized int pollTo(java.util.List<Delivery> into, int max) {
        int n = 0;
        while (n < max) {
            Slot slot = slots.pollFirst();
            if (slot == null) {
                break;
            }
            into.add(taken(slot));
            n++;
        }
        return n;
    }

    private Delivery taken(Slot slot) {
        if (headroom > 0) {
            headroom--;
        }
        if (unindexed > 0) {
            unindexed--; // the head is always one of them
        } else {
            String key = slot.delivery.coalesceKey();
            if (key != null) {
                byKey.remove(key, slot);
            }
        }
        return slot.delivery;
    }

    public synchronized int size() {
        return slots.size();
    }

    public synchronized void clear() {
        slots.clear();
        byKey.clear();
        unindexed = 0;
        headroom = 0;
    }
}
