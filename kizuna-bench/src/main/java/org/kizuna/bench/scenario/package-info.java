/**
 * The named scenarios of {@code kizuna bench}, run against the bare relay and Kizuna back to back,
 * with ratios and the performance targets checked.
 */
package org.kizuna.bench.scenario;
