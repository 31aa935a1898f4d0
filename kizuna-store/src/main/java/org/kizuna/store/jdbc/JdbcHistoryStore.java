package org.kizuna.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.flywaydb.core.Flyway;
import org.kizuna.store.ChatQuery;
import org.kizuna.store.ChatRow;
import org.kizuna.store.ConnectionRow;
import org.kizuna.store.EventQuery;
import org.kizuna.store.HistoryStore;
import org.kizuna.store.InvalidQueryException;
import org.kizuna.store.Page;
import org.kizuna.store.RetentionPass;
import org.kizuna.store.RetentionStats;
import org.kizuna.store.StoreException;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.TrackPoint;
import org.kizuna.store.TrackQuery;
import org.kizuna.store.WriteBatch;
import org.kizuna.store.account.AccountStore;
import org.kizuna.store.account.JdbcAccountStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history store on H2 or PostgreSQL: a HikariCP pool, the schema migrated by Flyway at open,
 * and retention on its own thread.
 *
 * <pre>{@code
 * try (JdbcHistoryStore store = JdbcHistoryStore.open(StoreSettings.h2(dataDir.resolve("history")), Clock.systemUTC())) {
 *     Page<StoredEvent> page = store.events(EventQuery.builder().uid("ANDROID-1").build());
 * }
 * }</pre>
 */
public final class JdbcHistoryStore implements HistoryStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcHistoryStore.class);
    private static final long RETENTION_PERIOD_SECONDS = 60;

    private final HikariDataSource pool;
    private final Retention retention;
    private final Clock clock;
    private final ScheduledExecutorService retentionThread;
    private final LongAdder retentionPasses = new LongAdder();
    private final LongAdder retentionFailures = new LongAdder();
    private final LongAdder retentionRowsDeleted = new LongAdder();
    private final LongAdder retentionPartitionsDropped = new LongAdder();

    private JdbcHistoryStore(HikariDataSource pool, Retention retention, Clock clock, boolean background) {
        this.pool = pool;
        this.retention = retention;
        this.clock = clock;
        this.retentionThread = background ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kizuna-history-retention");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Opens (creating or migrating) the store, with retention passes every minute in the background. */
    public static JdbcHistoryStore open(StoreSettings settings, Clock clock) {
        return open(settings, clock, true);
    }

    /**
     * Opens the store; with {@code backgroundRetention} false nothing is removed until
     * {@link #enforceRetention()} is called (tests, tools that only read).
     */
    public static JdbcHistoryStore open(StoreSettings settings, Clock clock, boolean backgroundRetention) {
        Optional<H2Files> files = H2Files.of(settings.url());
        files.ifPresent(f -> f.prepare(settings.fileKey()));
        HikariDataSource pool = pool(settings);
        files.ifPresent(H2Files::tighten);
        try {
            String vendor = settings.isPostgres() ? "postgresql" : "h2";
            Flyway.configure().dataSource(pool)
                    .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                    .load().migrate();
            Retention retention = settings.isPostgres()
                    ? new PartitionRetention(settings.maxAge(), settings.maxBytes())
                    : new H2Retention(settings.maxAge(), settings.maxBytes());
            try (Connection c = pool.getConnection()) {
                retention.prepare(c, clock.instant());
            }
            JdbcHistoryStore store = new JdbcHistoryStore(pool, retention, clock, backgroundRetention);
            store.startRetention();
            log.info("history store open: {}", settings.url());
            return store;
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new StoreException("cannot open the history store " + settings.url() + ": " + rootMessage(e), e);
        }
    }

    /** True when {@code url} names an embedded database whose file exists and is encrypted. */
    public static boolean encryptedFileExists(String url) throws java.io.IOException {
        Optional<H2Files> files = H2Files.of(url);
        return files.isPresent() && files.get().encryptedFileExists();
    }

    /**
     * H2 closes its databases from a JVM shutdown hook of its own unless the URL says otherwise.
     * That hook runs beside the node's (which flushes the history writer, then closes this store),
     * and when it won, the last queued batches failed with "Database is already closed" and were
     * lost on a plain SIGTERM. The store is always closed by its owner, so H2 must not.
     */
    static String closedByUs(String url) {
        if (!url.startsWith("jdbc:h2:") || url.toUpperCase(java.util.Locale.ROOT).contains(";DB_CLOSE_ON_EXIT=")) {
            return url;
        }
        return url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static HikariDataSource pool(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(closedByUs(H2Files.url(settings)));
        config.setUsername(settings.user());
        config.setPassword(H2Files.password(settings));
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("kizuna-history");
        config.setConnectionTimeout(10_000);
        if (settings.isPostgres()) {
            // one multi-row INSERT per batch instead of one round trip per row
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the history store " + settings.url() + ": " + rootMessage(e), e);
        }
    }

    private void startRetention() {
        if (retentionThread != null) {
            retentionThread.scheduleWithFixedDelay(this::retentionPass, RETENTION_PERIOD_SECONDS,
                    RETENTION_PERIOD_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void retentionPass() {
        try {
            enforceRetention();
        } catch (RuntimeException e) {
            log.error("history retention pass failed; retrying in {} s", RETENTION_PERIOD_SECONDS, e);
        }
    }

    /** The browser accounts, in the same database and pool. */
    public AccountStore accounts() {
        return new JdbcAccountStore(pool);
    }

    /** True when a pooled connection answers within two seconds (readiness). Blocks. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Runs one retention pass now, on the calling thread; returns what it removed. */
    public RetentionPass enforceRetention() {
        try (Connection c = pool.getConnection()) {
            RetentionPass done = retention.enforce(c, clock.instant());
            retentionPasses.increment();
            retentionRowsDeleted.add(done.rowsDeleted());
            retentionPartitionsDropped.add(done.partitionsDropped().size());
            if (!done.removedNothing()) {
                log.info("history retention: {}", done);
            }
            return done;
        } catch (SQLException | RuntimeException e) {
            retentionFailures.increment();
            throw new StoreException("history retention failed: " + e.getMessage(), e);
        }
    }

    /** Retention counters since the store opened (for metrics). */
    public RetentionStats retentionStats() {
        return new RetentionStats(retentionPasses.sum(), retentionFailures.sum(), retentionRowsDeleted.sum(),
                retentionPartitionsDropped.sum());
    }

    /** The event table's size on disk (all partitions on PostgreSQL), in bytes, as the database reports it. */
    public long eventTableBytes() {
        return read("size", retention::eventTableBytes);
    }

    @Override
    public void write(WriteBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            BatchInsert.write(c, batch);
        } catch (SQLException e) {
            throw new StoreException("cannot write " + batch.size() + " history rows: " + e.getMessage(), e);
        }
    }

    @Override
    public Page<StoredEvent> events(EventQuery query) {
        return read("events", c -> Queries.events(c, query));
    }

    @Override
    public Page<TrackPoint> track(TrackQuery query) {
        return read("track", c -> Queries.track(c, query));
    }

    @Override
    public Page<ChatRow> chats(ChatQuery query) {
        return read("chats", c -> Queries.chats(c, query));
    }

    @Override
    public List<ConnectionRow> connections(Instant from, Instant to, int limit) {
        if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
            throw new InvalidQueryException("limit", "must be 1.." + EventQuery.MAX_LIMIT + ", got " + limit);
        }
        return read("connections", c -> Queries.connections(c, from, to, limit));
    }

    @Override
    public List<StoredEvent> currentPicture(Instant now, int limit) {
        if (limit < 1) {
            throw new InvalidQueryException("limit", "must be at least 1, got " + limit);
        }
        return read("picture", c -> PictureQuery.current(c, now, limit));
    }

    private interface Read<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T read(String what, Read<T> query) {
        try (Connection c = pool.getConnection()) {
            c.setReadOnly(true);
            return query.apply(c);
        } catch (SQLException e) {
            throw new StoreException("history query (" + what + ") failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (retentionThread != null) {
            retentionThread.shutdownNow();
            try {
                retentionThread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pool.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
