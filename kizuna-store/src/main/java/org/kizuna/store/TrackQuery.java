package org.kizuna.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The positions of one item ({@code uid}) in a receive-time window, oldest first, in pages of at
 * most {@code limit} points (at most {@value #MAX_LIMIT}).
 */
public record TrackQuery(String uid, Instant from, Instant to, int limit, String cursor, Set<String> readableBy) {

    public static final int MAX_LIMIT = 10_000;

    /** The track as every group wrote it. */
    public TrackQuery(String uid, Instant from, Instant to, int limit, String cursor) {
        this(uid, from, to, limit, cursor, null);
    }

    public TrackQuery {
        readableBy = readableBy == null ? null : Set.copyOf(readableBy);
        if (uid == null) {
            throw new InvalidQueryException("uid", "a track needs the uid of the item");
        }
        uid = EventQuery.checkText("uid", uid);
        EventQuery.checkWindow(from, to);
        EventQuery.checkLimit(limit, MAX_LIMIT);
    }

    public static TrackQuery of(String uid, Instant from, Instant to) {
        return new TrackQuery(uid, Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"), 1000, null);
    }

    public TrackQuery after(String nextCursor) {
        return new TrackQuery(uid, from, to, limit, nextCursor, readableBy);
    }

    /** The same query restricted to positions written into one of {@code groups} (empty: none). */
    public TrackQuery visibleTo(Set<String> groups) {
        return new TrackQuery(uid, from, to, limit, cursor, groups);
    }

    public String fingerprint() {
        return "t|" + uid + '|' + from + '|' + to + (readableBy == null ? "" : "|g" + new java.util.TreeSet<>(readableBy));
    }
}
