/**
 * {@code kizuna bench-store}: sustained ingest through the production history writer, then
 * window + bbox queries over what was written, on H2 or PostgreSQL.
 */
package org.kizuna.bench.store;
