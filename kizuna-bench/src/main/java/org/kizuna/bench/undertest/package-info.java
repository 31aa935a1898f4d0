/**
 * Servers under test as child processes ({@code kizuna serve} and the bare relay) and the node
 * directory they share, looked at from outside through {@code /proc} and {@code jcmd}.
 */
package org.kizuna.bench.undertest;
