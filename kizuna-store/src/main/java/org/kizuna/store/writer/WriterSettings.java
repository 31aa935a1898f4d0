package org.kizuna.store.writer;

/**
 * @param queueCapacity items waiting for the database at most; what does not fit is sampled
 *                      (positions) or refused (and counted)
 * @param batchSize     most items committed in one transaction
 */
public record WriterSettings(int queueCapacity, int batchSize) {

    public static final WriterSettings DEFAULTS = new WriterSettings(65_536, 2_000);

    public WriterSettings {
        if (queueCapacity < 16 || queueCapacity > 10_000_000) {
            throw new IllegalArgumentException("store.queue must be 16..10000000, got " + queueCapacity);
        }
        if (batchSize < 1 || batchSize > queueCapacity) {
            throw new IllegalArgumentException("store.batch must be 1..store.queue, got " + batchSize);
        }
    }
}
