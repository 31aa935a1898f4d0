package org.kizuna.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The position after the last row of a page: (receive time, row id), the order every query
 * returns. Opaque to callers (URL-safe base64) and tied to the query it came from by a hash of its
 * filters, so a cursor passed with a different query is refused instead of silently skipping rows.
 */
public record QueryCursor(Instant receivedAt, long id) {

    private static final String VERSION = "k1";

    public String encode(String queryFingerprint) {
        String plain = VERSION + ':' + receivedAt.toEpochMilli() + ':' + id + ':'
                + Integer.toHexString(queryFingerprint.hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes {@code cursor} (null: the first page) for the query with {@code queryFingerprint}. */
    public static QueryCursor decode(String cursor, String queryFingerprint) {
        if (cursor == null) {
            return null;
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("cursor", "not a cursor this store issued");
        }
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            throw new InvalidQueryException("cursor", "not a cursor this store issued");
        }
        if (!parts[3].equals(Integer.toHexString(queryFingerprint.hashCode()))) {
            throw new InvalidQueryException("cursor", "belongs to a different query; repeat the query's filters unchanged");
        }
        try {
            return new QueryCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            throw new InvalidQueryException("cursor", "not a cursor this store issued");
        }
    }
}
