/**
 * The load generator behind {@code kizuna load} and {@code kizuna bench}: many TLS clients on a
 * few Netty event loops, stamped messages, end-to-end latencies in HdrHistogram, drops counted
 * per receiver, a JSON result. Entry point: {@link org.kizuna.bench.load.LoadGenerator}.
 */
package org.kizuna.bench.load;
