/**
 * The bare relay: TLS, split on {@code </event>}, forward to every other client. The baseline
 * that {@code kizuna bench} measures Kizuna against, in the same run.
 */
package org.kizuna.bench.relay;
