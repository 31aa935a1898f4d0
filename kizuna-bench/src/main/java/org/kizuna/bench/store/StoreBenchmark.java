package org.kizuna.bench.store;

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
 * Ingest through {@link HistoryWriter} (its own thread, default settings) into a fresh store, then
 * window + bbox queries over the result. The producer holds back while the queue is half full, so
 * nothing is sampled and the figure is what the database sustains.
 */
public final class StoreBenchmark {

    static final Instant START = Instant.parse("2026-11-26T00:00:00Z");
    static final int UNITS = 5_000;
    static final int WARMUP_QUERIES = 50;

    /** What one run measured. */
    public record Result(long written, long sampled, long failed, long batches, double ingestSeconds,
                         long tableBytes, int queries, double rowsPerPage, double p50Millis, double p95Millis,
                         double p99Millis, double maxMillis) {

        public double eventsPerSecond() {
            return written / ingestSeconds;
        }
    }

    private StoreBenchmark() {
    }

    /** Writes {@code events} position reports into the empty store {@code settings} names, then queries it. */
    public static Result run(StoreSettings settings, int events, int queries) {
        // one day of receive time, spread evenly, so that a one-hour window holds 1/24 of the rows
        long stepMicros = Duration.ofDays(1).toNanos() / 1000 / events;
        StoredEvent[] data = PositionReports.make(events, UNITS, START, stepMicros, 42);
        try (JdbcHistoryStore store = JdbcHistoryStore.open(settings, Clock.systemUTC(), false)) {
            HistoryWriter writer = new HistoryWriter(store, WriterSettings.DEFAULTS);
            double seconds = ingest(writer, data);
            long[] nanos = new long[queries];
            long rows = query(store, nanos);
            Arrays.sort(nanos);
            var stats = writer.stats();
            return new Result(stats.written(), stats.sampled(), stats.failed(), stats.batches(), seconds,
                    store.eventTableBytes(), queries, rows / (double) queries, millis(nanos, 50), millis(nanos, 95),
                    millis(nanos, 99), nanos[queries - 1] / 1e6);
        }
    }

    private static double ingest(HistoryWriter writer, StoredEvent[] data) {
        int holdBackAt = WriterSettings.DEFAULTS.queueCapacity() / 2;
        long t0 = System.nanoTime();
        for (StoredEvent e : data) {
            while (writer.stats().queued() >= holdBackAt) {
                LockSupport.parkNanos(50_000);
            }
            if (writer.offer(e) != Admission.QUEUED) {
                throw new IllegalStateException("the writer refused an event below half a queue");
            }
        }
        writer.close(); // returns once the last batch is committed
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Random one-hour windows with a random 1° × 1° box over Japan, first page of 100; returns rows read. */
    private static long query(JdbcHistoryStore store, long[] nanos) {
        SplittableRandom random = new SplittableRandom(7);
        long rows = 0;
        for (int i = -WARMUP_QUERIES; i < nanos.length; i++) {
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
        return rows;
    }

    private static double millis(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
