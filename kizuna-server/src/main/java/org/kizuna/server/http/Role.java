package org.kizuna.server.http;

import java.util.Locale;

/**
 * What a browser user may do. Ordered: each role may do everything the ones before it may.
 * Viewers watch; operators also chat and send; admins also run the node's web administration.
 */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** {@code viewer}, {@code operator} or {@code admin}, any case. */
    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + text + "' (viewer, operator, admin)");
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
