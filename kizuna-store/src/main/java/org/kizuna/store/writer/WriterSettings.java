package org.kizuna.store.writer;

import java.time.Duration;
import java.util.Objects;

/**
 * @param queueCapacity items waiting for the database at most; what does not fit is sampled
 *                      (positions) or refused (and counted)
 * @param batchSize     most items committed in one transaction
 * @param linger        how long a batch without chat waits for more items before it is committed
 *                      (group commit): every commit writes a chunk of the database file, so one
 *                      commit per position report costs more than the rest of the server's work
 *                      for it. Chat never waits: someone is waiting for it to be stored.
 */
public record WriterSettings(int queueCapacity, int batchSize, Duration linger) {

    public static final Duration DEFAULT_LINGER = Duration.ofMillis(50);
    public static final WriterSettings DEFAULTS = new WriterSettings(65_536, 2_000, DEFAULT_LINGER);

    public WriterSettings {
        if (queueCapacity < 16 || queueCapacity > 10_000_000) {
            throw new IllegalArgumentException("store.queue must be 16..10000000, got " + queueCapacity);
        }
        if (batchSize < 1 || batchSize > queueCapacity) {
            throw new IllegalArgumentException("store.batch must be 1..store.queue, got " + batchSize);
        }
        Objects.requireNonNull(linger, "linger");
        if (linger.isNegative() || linger.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("store.linger must be 0..10s, got " + linger);
        }
    }

    /** Commits whatever has queued up at once, without lingering. */
    public WriterSettings(int queueCapacity, int batchSize) {
        this(queueCapacity, batchSize, Duration.ZERO);
    }
}
