/**
 * The JDBC history store: one implementation, the same SQL on H2 and PostgreSQL. Only the event
 * table's DDL and the retention strategy differ (PostgreSQL partitions by time and drops whole
 * partitions; H2 deletes old rows in small batches). Entry point: {@link org.kizuna.store.jdbc.JdbcHistoryStore#open}.
 */
package org.kizuna.store.jdbc;
