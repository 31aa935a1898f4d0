package org.kizuna.bench.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.kizuna.app.history.NodeHistory;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.WriteBatch;
import org.kizuna.store.jdbc.JdbcHistoryStore;

/**
 * What a node restarting right after a busy spell waits for: {@code units} units report once a
 * second for {@code seconds} (two-minute stale, as ATAK's position reports), then the picture is
 * read back as the node does at start ({@link JdbcHistoryStore#currentPicture}, at the last
 * report's time, so the last two minutes of rows are all unexpired).
 */
public final class PictureRestoreBenchmark {

    static final Instant START = Instant.parse("2026-11-27T00:00:00Z");
    static final int RESTORES = 3;

    /** One run: rows written, items restored, and each restore's time (the first is a cold start). */
    public record Result(int rows, int items, double writeSeconds, double[] restoreMillis) {
    }

    private PictureRestoreBenchmark() {
    }

    public static Result run(StoreSettings settings, int units, int seconds) {
        StoredEvent[] data = PositionReports.make(units * seconds, units, START, 1_000_000L / units, 42);
        Instant end = data[data.length - 1].receivedAt();
        try (JdbcHistoryStore store = JdbcHistoryStore.open(settings, Clock.systemUTC(), false)) {
            long t0 = System.nanoTime();
            // One transaction per second of reports, written directly: the writer's throughput is
            // bench-store's other measurement, here only the table's contents matter.
            for (int from = 0; from < data.length; from += units) {
                store.write(WriteBatch.ofEvents(List.of(Arrays.copyOfRange(data, from, from + units))));
            }
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            double[] millis = new double[RESTORES];
            int items = 0;
            for (int i = 0; i < RESTORES; i++) {
                long t = System.nanoTime();
                items = store.currentPicture(end, NodeHistory.MAX_RESTORED).size();
                millis[i] = (System.nanoTime() - t) / 1e6;
            }
            return new Result(data.length, items, writeSeconds, millis);
        }
    }
}
