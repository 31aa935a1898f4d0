/** The {@code kizuna load} and {@code kizuna bench} commands (run by the launcher from this module). */
package org.kizuna.bench.cli;
