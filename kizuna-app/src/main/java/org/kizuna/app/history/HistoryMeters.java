package org.kizuna.app.history;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.kizuna.store.RetentionStats;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import org.kizuna.store.writer.HistoryWriter;
import org.kizuna.store.writer.WriterStats;

/**
 * Publishes the history writer's and retention's own counters as meters. The store module keeps
 * plain counters (it knows no metrics library); the meters read them when scraped, so nothing is
 * added to the writer's hot path.
 */
final class HistoryMeters {

    private HistoryMeters() {
    }

    static void bind(MeterRegistry registry, HistoryWriter writer, JdbcHistoryStore store) {
        writerCounter(registry, writer, "kizuna.history.written", "rows committed", WriterStats::written);
        writerCounter(registry, writer, "kizuna.history.sampled",
                "position reports left out while the database was behind", WriterStats::sampled);
        writerCounter(registry, writer, "kizuna.history.dropped",
                "items refused: queue full or writer closed", WriterStats::dropped);
        writerCounter(registry, writer, "kizuna.history.failed",
                "rows of batches the database refused after retries", WriterStats::failed);
        writerCounter(registry, writer, "kizuna.history.batches", "transactions committed", WriterStats::batches);
        Gauge.builder("kizuna.history.queued", writer, w -> w.stats().queued())
                .description("items waiting for the writer").register(registry);

        retentionCounter(registry, store, "kizuna.history.retention.passes", "passes completed", RetentionStats::passes);
        retentionCounter(registry, store, "kizuna.history.retention.failures", "passes that failed",
                RetentionStats::failedPasses);
        retentionCounter(registry, store, "kizuna.history.retention.rows.deleted", "rows deleted",
                RetentionStats::rowsDeleted);
        retentionCounter(registry, store, "kizuna.history.retention.partitions.dropped",
                "PostgreSQL partitions dropped whole", RetentionStats::partitionsDropped);
    }

    private static void writerCounter(MeterRegistry registry, HistoryWriter writer, String name, String description,
                                      ToDoubleFunction<WriterStats> value) {
        FunctionCounter.builder(name, writer, w -> value.applyAsDouble(w.stats()))
                .description(description).register(registry);
    }

    private static void retentionCounter(MeterRegistry registry, JdbcHistoryStore store, String name,
                                         String description, ToDoubleFunction<RetentionStats> value) {
        FunctionCounter.builder(name, store, s -> value.applyAsDouble(s.retentionStats()))
                .description(description).register(registry);
    }
}
