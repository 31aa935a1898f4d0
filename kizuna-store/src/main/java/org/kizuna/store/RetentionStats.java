package org.kizuna.store;

/**
 * Retention counters since the store opened.
 *
 * @param passes            passes completed
 * @param failedPasses      passes the database refused (retried at the next period)
 * @param rowsDeleted       rows deleted one by one, in total
 * @param partitionsDropped whole partitions dropped, in total
 */
public record RetentionStats(long passes, long failedPasses, long rowsDeleted, long partitionsDropped) {
}
