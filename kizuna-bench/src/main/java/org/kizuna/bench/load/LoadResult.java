package org.kizuna.bench.load;

import java.util.List;

/**
 * What a load run measured, written as JSON. Latencies are end to end: from just before the
 * sending client writes a message to when the receiving client's event loop finds its stamp, so
 * they include TLS on both sides and the load generator's own queueing.
 *
 * @param target      what was measured ("relay", "kizuna", or an address)
 * @param settings    the spec, flattened
 * @param connections how the ramp went
 * @param phases      one result per phase
 * @param overall     all phases together
 * @param slowClients the clients that stopped reading (excluded from every other figure)
 * @param server      the server's resources, when it ran as a child process of this run
 * @param loadCpuSeconds CPU the load generator itself used during the phases
 * @param machineCpuSeconds CPU every process on the machine used during the phases: what exceeds
 *                    the server's and the load generator's share was something else running
 * @param errors      distinct client errors with how often each happened (at most 10)
 */
public record LoadResult(String target, Settings settings, Connections connections, List<PhaseResult> phases,
                         PhaseResult overall, SlowClients slowClients, Resources server, double loadCpuSeconds,
                         double machineCpuSeconds, List<String> errors) {

    public record Settings(int clients, double rate, double chatRate, String format, int rampPerSecond,
                           double warmupSeconds, double drainSeconds, int certificates, int loops) {
    }

    /**
     * @param disconnected connections that ended before the run closed them
     */
    public record Connections(int requested, int connected, int failed, int disconnected, double rampSeconds) {
    }

    /**
     * @param expected messages that should have reached the (reading) receivers: everything the
     *                 others sent in the phase, once per receiver
     * @param missing  {@code expected - received}; position updates a server coalesced count here
     */
    public record PhaseResult(String name, double seconds, double rateFactor, long sent, long expected,
                              long received, long missing, double sentPerSecond, double deliveredPerSecond,
                              Latency latency) {
    }

    public record Latency(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs) {
    }

    public record SlowClients(int count, int disconnected, long received) {
    }

    /**
     * Server resources; -1 where unknown.
     *
     * @param heapPerConnectionBytes (heap after − heap before) / connected clients, both after a full GC
     */
    public record Resources(double cpuSecondsDuringPhases, long heapBeforeBytes, long heapAfterBytes,
                            long rssBeforeBytes, long rssAfterBytes, double heapPerConnectionBytes,
                            double rssPerConnectionBytes) {
    }
}
