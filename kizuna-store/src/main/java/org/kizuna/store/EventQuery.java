package org.kizuna.store;

import java.time.Instant;
import java.util.Set;

/**
 * Which stored events to return: every filter is optional and they combine with AND. The window
 * is on the node's receive time, {@code from} inclusive, {@code to} exclusive. Answers come in
 * pages of at most {@code limit} events ({@value #DEFAULT_LIMIT} when not given, never more than
 * {@value #MAX_LIMIT}), oldest first, continued with the page's cursor.
 *
 * <pre>{@code
 * EventQuery q = EventQuery.builder().from(t0).to(t1).bbox(BoundingBox.parse("139,35,140,36")).typePrefix("a-f").build();
 * }</pre>
 *
 * @param typePrefix a CoT type or the prefix of its subtypes ({@code a-f} matches {@code a-f-G-U-C}, not {@code a-fx})
 * @param sender     the sending identity (certificate CN), exactly
 * @param readableBy when not null, only events written into at least one of these groups (what a
 *                   reader with these OUT groups may see); an empty set matches nothing
 * @param broadcastOnly leave out point-to-point events ({@code <marti><dest>}, direct chat)
 */
public record EventQuery(Instant from, Instant to, BoundingBox bbox, String uid, String typePrefix, String sender,
                         int limit, String cursor, Set<String> readableBy, boolean broadcastOnly) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** A query of every group's events, point-to-point ones included. */
    public EventQuery(Instant from, Instant to, BoundingBox bbox, String uid, String typePrefix, String sender,
                      int limit, String cursor) {
        this(from, to, bbox, uid, typePrefix, sender, limit, cursor, null, false);
    }

    public EventQuery {
        readableBy = readableBy == null ? null : Set.copyOf(readableBy);
        checkWindow(from, to);
        uid = checkText("uid", uid);
        typePrefix = checkText("type", typePrefix);
        if (typePrefix != null && typePrefix.endsWith("-")) {
            throw new InvalidQueryException("type", "a type prefix has no trailing '-': '" + typePrefix + "'");
        }
        sender = checkText("sender", sender);
        checkLimit(limit, MAX_LIMIT);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same query for the page after {@code nextCursor}. */
    public EventQuery after(String nextCursor) {
        return new EventQuery(from, to, bbox, uid, typePrefix, sender, limit, nextCursor, readableBy, broadcastOnly);
    }

    /** The same query restricted to what a reader of {@code groups} may see, broadcast events only. */
    public EventQuery visibleTo(Set<String> groups) {
        return new EventQuery(from, to, bbox, uid, typePrefix, sender, limit, cursor, groups, true);
    }

    /** What a cursor of this query is tied to: every filter, not the limit or the cursor itself. */
    public String fingerprint() {
        return "e|" + from + '|' + to + '|' + bbox + '|' + uid + '|' + typePrefix + '|' + sender
                + (readableBy == null ? "" : "|g" + new java.util.TreeSet<>(readableBy)) + (broadcastOnly ? "|b" : "");
    }

    static void checkWindow(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidQueryException("from", "must be before to (" + from + " is not before " + to + ")");
        }
    }

    static String checkText(String parameter, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw new InvalidQueryException(parameter, "must not be blank");
        }
        if (value.length() > 512) {
            throw new InvalidQueryException(parameter, "longer than 512 characters");
        }
        return value;
    }

    static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new InvalidQueryException("limit", "must be 1.." + max + ", got " + limit);
        }
    }

    /** Builds an {@link EventQuery}; unset filters match everything. */
    public static final class Builder {
        private Instant from;
        private Instant to;
        private BoundingBox bbox;
        private String uid;
        private String typePrefix;
        private String sender;
        private int limit = DEFAULT_LIMIT;
        private String cursor;

        public Builder from(Instant v) {
            from = v;
            return this;
        }

        public Builder to(Instant v) {
            to = v;
            return this;
        }

        public Builder bbox(BoundingBox v) {
            bbox = v;
            return this;
        }

        public Builder uid(String v) {
            uid = v;
            return this;
        }

        public Builder typePrefix(String v) {
            typePrefix = v;
            return this;
        }

        public Builder sender(String v) {
            sender = v;
            return this;
        }

        public Builder limit(int v) {
            limit = v;
            return this;
        }

        public Builder cursor(String v) {
            cursor = v;
            return this;
        }

        public EventQuery build() {
            return new EventQuery(from, to, bbox, uid, typePrefix, sender, limit, cursor);
        }
    }
}
