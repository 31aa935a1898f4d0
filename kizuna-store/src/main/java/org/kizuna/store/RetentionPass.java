package org.kizuna.store;

import java.util.List;

/**
 * What one retention pass removed.
 *
 * @param rowsDeleted       events, chat messages and connection records deleted row by row
 * @param partitionsDropped PostgreSQL event partitions dropped whole (never on H2)
 */
public record RetentionPass(long rowsDeleted, List<String> partitionsDropped) {

    public static final RetentionPass NOTHING = new RetentionPass(0, List.of());

    public RetentionPass {
        if (rowsDeleted < 0) {
            throw new IllegalArgumentException("rowsDeleted must be >= 0, got " + rowsDeleted);
        }
        partitionsDropped = List.copyOf(partitionsDropped);
    }

    public boolean removedNothing() {
        return rowsDeleted == 0 && partitionsDropped.isEmpty();
    }

    /** A short summary for the log. */
    @Override
    public String toString() {
        return partitionsDropped.isEmpty()
                ? "deleted " + rowsDeleted + " rows"
                : "dropped partitions " + partitionsDropped + ", deleted " + rowsDeleted + " rows";
    }
}
