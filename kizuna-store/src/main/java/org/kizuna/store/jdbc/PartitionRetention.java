package org.kizuna.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kizuna.store.RetentionPass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL: {@code cot_event} is range-partitioned by receive time, one partition per day (per
 * hour when the age limit is under three days, so that little more than the limit is kept).
 * Partitions are created for the whole retention window and two spans ahead; retention drops whole
 * partitions — no row-by-row delete, no table bloat, no vacuum debt.
 *
 * <p>A {@code DROP} needs a short exclusive lock on the parent table. {@code lock_timeout} keeps
 * it from queueing behind a long query (which would stall the writer behind the waiting DROP); a
 * drop that times out is retried on the next pass.
 */
final class PartitionRetention implements Retention {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionRetention.class);

    private static final Pattern NAME = Pattern.compile("cot_event_p(\\d{8})(\\d{2})?");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH");
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    private final Duration maxAge;
    private final long maxBytes;
    private final ChronoUnit span;

    PartitionRetention(Duration maxAge, long maxBytes) {
        this.maxAge = maxAge;
        this.maxBytes = maxBytes;
        this.span = maxAge != null && maxAge.compareTo(Duration.ofDays(3)) < 0 ? ChronoUnit.HOURS : ChronoUnit.DAYS;
    }

    /** One partition: its table name and the receive times it holds, [start, end). */
    record Partition(String name, Instant start, Instant end) {
    }

    @Override
    public void prepare(Connection c, Instant now) throws SQLException {
        c.setAutoCommit(true);
        Instant first = floor(now.minus(maxAge == null ? DEFAULT_WINDOW : maxAge));
        Instant last = floor(now).plus(2, span);
        List<String> existing = partitions(c).stream().map(Partition::name).toList();
        for (Instant t = first; !t.isAfter(last); t = t.plus(1, span)) {
            String name = name(t);
            if (!existing.contains(name)) {
                create(c, name, t, t.plus(1, span));
            }
        }
    }

    private void create(Connection c, String name, Instant start, Instant end) throws SQLException {
        try {
            withLockTimeout(c, "CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF cot_event FOR VALUES FROM ('"
                    + start + "') TO ('" + end + "')");
        } catch (SQLException e) {
            // e.g. rows for this range already sit in the default partition after a clock jump:
            // they stay there (and are trimmed by age); the next pass tries again
            LOG.warn("cannot create history partition {}: {}", name, e.getMessage());
        }
    }

    @Override
    public RetentionPass enforce(Connection c, Instant now) throws SQLException {
        prepare(c, now);
        List<String> dropped = new ArrayList<>();
        long deleted = 0;
        if (maxAge != null) {
            Instant cutoff = now.minus(maxAge);
            for (Partition p : partitions(c)) {
                if (!p.end().isAfter(cutoff) && drop(c, p)) {
                    dropped.add(p.name());
                }
            }
            deleted = Retention.deleteOlder(c, "cot_event_default", "received_at", cutoff)
                    + Retention.deleteOlder(c, "chat_message", "received_at", cutoff)
                    + Retention.deleteOlder(c, "connection_event", "at_time", cutoff);
        }
        if (maxBytes > 0) {
            dropped.addAll(dropToSize(c, now));
        }
        return new RetentionPass(deleted, dropped);
    }

    /** Drops the oldest partitions while the event table is over {@code maxBytes}; never the current one. */
    private List<String> dropToSize(Connection c, Instant now) throws SQLException {
        List<String> dropped = new ArrayList<>();
        List<Partition> all = partitions(c);
        long total = totalBytes(c);
        for (Partition p : all) {
            if (total <= maxBytes || p.end().isAfter(now)) {
                break;
            }
            long size = relationSize(c, p.name());
            if (drop(c, p)) {
                dropped.add(p.name());
                total -= size;
            }
        }
        return dropped;
    }

    private static boolean drop(Connection c, Partition p) {
        try {
            withLockTimeout(c, "DROP TABLE IF EXISTS " + p.name());
            return true;
        } catch (SQLException e) {
            LOG.warn("cannot drop history partition {} yet: {}", p.name(), e.getMessage());
            return false;
        }
    }

    /** Runs DDL that may wait for a lock at most 2 s; the pooled connection keeps no changed setting. */
    private static void withLockTimeout(Connection c, String ddl) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '2s'");
            try {
                s.execute(ddl);
            } finally {
                s.execute("RESET lock_timeout");
            }
        }
    }

    /** The named partitions of {@code cot_event}, oldest first (the default partition is not listed). */
    static List<Partition> partitions(Connection c) throws SQLException {
        List<Partition> out = new ArrayList<>();
        String sql = "SELECT child.relname FROM pg_inherits i JOIN pg_class child ON child.oid = i.inhrelid"
                + " WHERE i.inhparent = 'cot_event'::regclass";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Matcher m = NAME.matcher(rs.getString(1));
                if (m.matches()) {
                    out.add(parse(rs.getString(1), m));
                }
            }
        }
        out.sort((a, b) -> a.start().compareTo(b.start()));
        return out;
    }

    @Override
    public long eventTableBytes(Connection c) throws SQLException {
        return totalBytes(c);
    }

    static long totalBytes(Connection c) throws SQLException {
        String sql = "SELECT COALESCE(SUM(pg_total_relation_size(i.inhrelid)), 0) FROM pg_inherits i"
                + " WHERE i.inhparent = 'cot_event'::regclass";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long relationSize(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('" + table + "'::regclass)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Partition parse(String name, Matcher m) {
        boolean hourly = m.group(2) != null;
        LocalDateTime start = hourly ? LocalDateTime.parse(m.group(1) + m.group(2), HOUR)
                : java.time.LocalDate.parse(m.group(1), DAY).atStartOfDay();
        Instant s = start.toInstant(ZoneOffset.UTC);
        return new Partition(name, s, s.plus(1, hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS));
    }

    private String name(Instant start) {
        LocalDateTime t = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
        return "cot_event_p" + (span == ChronoUnit.HOURS ? HOUR.format(t) : DAY.format(t));
    }

    private Instant floor(Instant t) {
        return t.truncatedTo(span);
    }
}
