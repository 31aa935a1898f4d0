package org.kizuna.store.writer;

/**
 * Counters since the writer started.
 *
 * @param written  rows committed
 * @param sampled  position reports left out while the database was behind
 * @param dropped  items refused because the queue was full or the writer closed
 * @param failed   rows of batches the database refused even after retries
 * @param queued   items waiting now
 * @param batches  transactions committed
 */
public record WriterStats(long written, long sampled, long dropped, long failed, int queued, long batches) {
}
