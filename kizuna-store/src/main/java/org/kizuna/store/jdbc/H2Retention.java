package org.kizuna.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.kizuna.store.RetentionPass;

/**
 * H2: one event table, old rows deleted in committed steps of {@value Retention#DELETE_STEP}. The
 * size bound uses H2's own {@code DISK_SPACE_USED} of the event table; freed pages are reused by
 * H2, the file itself does not shrink.
 */
final class H2Retention implements Retention {

    private final Duration maxAge;
    private final long maxBytes;

    H2Retention(Duration maxAge, long maxBytes) {
        this.maxAge = maxAge;
        this.maxBytes = maxBytes;
    }

    @Override
    public void prepare(Connection c, Instant now) {
        // nothing: one plain table
    }

    @Override
    public RetentionPass enforce(Connection c, Instant now) throws SQLException {
        long byAge = 0;
        if (maxAge != null) {
            Instant cutoff = now.minus(maxAge);
            byAge = deleteEvents(c, cutoff)
                    + Retention.deleteOlder(c, "chat_message", "received_at", cutoff)
                    + Retention.deleteOlder(c, "connection_event", "at_time", cutoff);
        }
        long bySize = maxBytes > 0 ? trimToSize(c) : 0;
        return new RetentionPass(byAge + bySize, List.of());
    }

    /** Deletes the oldest events until the table is estimated to fit {@code maxBytes}. */
    private long trimToSize(Connection c) throws SQLException {
        long used = diskSpaceUsed(c);
        if (used <= maxBytes) {
            return 0;
        }
        long rows = count(c);
        if (rows == 0) {
            return 0;
        }
        // remove the share of rows that is over the bound, plus 10 % so the next pass has headroom
        long excess = Math.min(rows, (long) Math.ceil(rows * ((used - maxBytes) / (double) used) * 1.1) + 1);
        Instant cutoff = receivedAtOfRow(c, excess);
        return cutoff == null ? 0 : deleteEvents(c, cutoff);
    }

    /** H2's own bounded DELETE walks the primary key (received_at, id) from its oldest end. */
    private static long deleteEvents(Connection c, Instant cutoff) throws SQLException {
        return Retention.deleteInSteps(c, "DELETE FROM cot_event WHERE received_at < ? FETCH FIRST " + DELETE_STEP
                + " ROWS ONLY", cutoff);
    }

    @Override
    public long eventTableBytes(Connection c) throws SQLException {
        return diskSpaceUsed(c);
    }

    static long diskSpaceUsed(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DISK_SPACE_USED('COT_EVENT')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cot_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The receive time of the {@code n}-th oldest event (rows older than it are the first n-1). */
    private static Instant receivedAtOfRow(Connection c, long n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT received_at FROM cot_event ORDER BY received_at, id OFFSET ? ROWS FETCH FIRST 1 ROW ONLY")) {
            ps.setLong(1, Math.max(0, n - 1));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? SqlTimes.get(rs, 1).plusMillis(1) : null;
            }
        }
    }
}
