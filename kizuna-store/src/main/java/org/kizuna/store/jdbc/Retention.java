package org.kizuna.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.kizuna.store.RetentionPass;

/**
 * What is kept: one strategy per database. It runs on the retention thread with its own
 * connection and commits in small steps, so the writer never waits long behind it.
 */
interface Retention {

    /** Rows removed by one small delete; small enough that a step commits within milliseconds. */
    int DELETE_STEP = 5_000;

    /** Work needed before the first write (PostgreSQL: partitions for the current time). */
    void prepare(Connection c, Instant now) throws SQLException;

    /** One pass: enforce age and size; returns what it removed. */
    RetentionPass enforce(Connection c, Instant now) throws SQLException;

    /** The event table's size on disk as this database reports it, in bytes. */
    long eventTableBytes(Connection c) throws SQLException;

    /** Deletes rows of {@code table} with {@code column < cutoff} in committed steps; returns how many. */
    static long deleteOlder(Connection c, String table, String column, Instant cutoff) throws SQLException {
        return deleteInSteps(c, "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " + column
                + " < ? ORDER BY " + column + " FETCH FIRST " + DELETE_STEP + " ROWS ONLY)", cutoff);
    }

    /** Runs {@code delete} (one time parameter, removing at most {@link #DELETE_STEP} rows) until it runs dry. */
    static long deleteInSteps(Connection c, String delete, Instant cutoff) throws SQLException {
        long total = 0;
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement(delete)) {
            SqlTimes.set(ps, 1, cutoff);
            int n;
            do {
                n = ps.executeUpdate();
                total += n;
            } while (n == DELETE_STEP);
        }
        return total;
    }
}
