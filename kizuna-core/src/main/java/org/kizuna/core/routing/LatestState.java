package org.kizuna.core.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kizuna.core.identity.Group;

/**
 * The current picture: the latest event of every item, by uid, until it goes stale or is deleted.
 * A client that connects receives the entries it may read.
 */
public final class LatestState {

    /** One item: what to send, who may read it (the sender's IN groups), and when it expires. */
    public record Entry(RoutedEvent routed, Set<Group> senderIn, long senderSessionId, Instant stale) {

        /** The sender id of items a federation partner sent; session ids start at 1. */
        public static final long FOREIGN_SENDER = -1;

        /** True for a federation partner's item, false for one of this node's clients. */
        public boolean isForeign() {
            return senderSessionId == FOREIGN_SENDER;
        }

        /**
         * True when the live session {@code sessionId} sent this item. Partners' and restored items
         * were sent by no session, whatever id a request-scoped session (which is never
         * registered) happens to carry.
         */
        public boolean isFrom(long sessionId) {
            return !isForeign() && senderSessionId == sessionId;
        }
    }

    private final Map<String, Entry> items = new ConcurrentHashMap<>();
    private final int maxItems;

    public LatestState(int maxItems) {
        if (maxItems <= 0) {
            throw new IllegalArgumentException("maxItems must be > 0: " + maxItems);
        }
        this.maxItems = maxItems;
    }

    /**
     * Keeps {@code entry} as the latest of {@code uid}. An update of a known item always fits; a new
     * item is refused (false) when the picture is full, so that a client inventing uids cannot grow
     * the server's memory. The size check is approximate under concurrency, by a few items.
     */
    public boolean put(String uid, Entry entry) {
        if (items.size() >= maxItems && !items.containsKey(uid)) {
            return false;
        }
        items.put(uid, entry);
        return true;
    }

    public Entry get(String uid) {
        return items.get(uid);
    }

    public void remove(String uid) {
        items.remove(uid);
    }

    /** Entries not stale at {@code now}. */
    public List<Entry> snapshot(Instant now) {
        List<Entry> live = new ArrayList<>(items.size());
        for (Entry e : items.values()) {
            if (now.isBefore(e.stale())) {
                live.add(e);
            }
        }
        return live;
    }

    /** Removes every entry stale at {@code now}; returns how many left the picture. */
    public int expire(Instant now) {
        int before = items.size();
        items.values().removeIf(e -> !now.isBefore(e.stale()));
        return before - items.size();
    }

    public int size() {
        return items.size();
    }
}
