package org.kizuna.core.identity;

import java.util.Objects;

/**
 * An access-control group name, as TAK uses them (never ATAK's {@code __group} team colour).
 * Combined with a direction: IN means "may write into", OUT means "may read from".
 */
public record Group(String name) {

    /** Everybody's group when nothing else is configured. */
    public static final Group ANONYMOUS = new Group("__ANON__");

    public Group {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("group name must not be blank");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
