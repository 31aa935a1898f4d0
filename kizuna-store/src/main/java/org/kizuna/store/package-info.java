/**
 * The history store: what a node keeps of every routed event, chat message and client connection,
 * and how it is asked for it again. {@link org.kizuna.store.HistoryStore} is the seam; the JDBC
 * implementation for H2 and PostgreSQL is in {@code store.jdbc}, the batched writer that keeps
 * database latency off the event loops in {@code store.writer}.
 */
package org.kizuna.store;
