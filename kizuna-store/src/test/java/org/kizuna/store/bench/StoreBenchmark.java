package org.kizuna.store.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.kizuna.store.BoundingBox;
import org.kizuna.store.EventQuery;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import org.kizuna.store.writer.Admission;
import org.kizuna.store.writer.HistoryWriter;
import org.kizuna.store.writer.WriterSettings;

/**
 * Sustained ingest through the production writer, then window + bbox queries over what was
 * written. Not a unit test (no figures in tests): run by hand, see docs/performance.md.
 *
 * <pre>
 * StoreBenchmark h2 [EVENTS]                 embedded H2 in a temporary directory
 * StoreBenchmark postgres URL USER PASSWORD [EVENTS]
 * </pre>
 */
public final class StoreBenchmark {

    static final Instant START = Instant.parse("2026-11-26T00:00:00Z");
    static final int QUERIES = 300;

    private StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean postgres = args[0].equals("postgres");
        int events = Integer.parseInt(args.length > (postgres ? 4 : 1) ? args[postgres ? 4 : 1] : "1000000");
        Path dir = Files.createTempDirectory("kizuna-store-bench");
        StoreSettings settings = postgres
                ? new StoreSettings(args[1], args[2], args[3], null, 0, 4)
                : new StoreSettings(StoreSettings.h2Url(dir), "", "", null, 0, 4);
        // one day of receive time, spread evenly, so that a one-hour window holds 1/24 of the rows
        long stepMicros = Duration.ofDays(1).toNanos() / 1000 / events;
        System.out.printf("preparing %,d events ...%n", events);
        StoredEvent[] data = BenchEvents.make(events, 5_000, START, stepMicros, 42);
        try (JdbcHistoryStore store = JdbcHistoryStore.open(settings, Clock.systemUTC(), false)) {
            ingest(store, data);
            query(store, events);
        }
    }

    private static void ingest(JdbcHistoryStore store, StoredEvent[] data) {
        WriterSettings ws = WriterSettings.DEFAULTS;
        HistoryWriter writer = new HistoryWriter(store, ws);
        long t0 = System.nanoTime();
        for (StoredEvent e : data) {
            // flow control instead of sampling: the benchmark measures what the database sustains
            while (writer.stats().queued() >= ws.queueCapacity() / 2) {
                LockSupport.parkNanos(50_000);
            }
            if (writer.offer(e) != Admission.QUEUED) {
                throw new IllegalStateException("not queued");
            }
        }
        writer.close();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("ingest: %,d events in %.1f s = %,.0f events/s (%d batches, %d sampled, %d failed)%n",
                writer.stats().written(), seconds, writer.stats().written() / seconds, writer.stats().batches(),
                writer.stats().sampled(), writer.stats().failed());
        System.out.printf("event table: %,d MiB%n", store.eventTableBytes() >> 20);
    }

    private static void query(JdbcHistoryStore store, int events) {
        SplittableRandom random = new SplittableRandom(7);
        long[] nanos = new long[QUERIES];
        long rows = 0;
        for (int i = -50; i < QUERIES; i++) { // 50 warm-up queries
            Instant from = START.plusSeconds(random.nextLong(23 * 3600));
            double w = 130 + random.nextDouble() * 14;
            double s = 30 + random.nextDouble() * 9;
            EventQuery q = EventQuery.builder().from(from).to(from.plus(Duration.ofHours(1)))
                    .bbox(new BoundingBox(w, s, w + 1, s + 1)).limit(100).build();
            long t = System.nanoTime();
            int n = store.events(q).items().size();
            if (i >= 0) {
                nanos[i] = System.nanoTime() - t;
                rows += n;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("window(1 h) + bbox(1x1 deg) over %,d events, %d queries, %.0f rows/page: p50 %.1f ms,"
                + " p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", events, QUERIES, rows / (double) QUERIES,
                nanos[QUERIES / 2] / 1e6, nanos[QUERIES * 95 / 100] / 1e6, nanos[QUERIES * 99 / 100] / 1e6,
                nanos[QUERIES - 1] / 1e6);
    }
}
