package org.kizuna.bench.scenario;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.kizuna.bench.load.LoadResult;

/**
 * One {@code kizuna bench} run: the same load against the bare relay and against Kizuna, back to
 * back on the same machine, and Kizuna's figures as ratios to the relay's.
 *
 * @param machine what ran it (cores, memory, OS, JDK); the load generator shares it with the servers
 * @param ratios  Kizuna ÷ relay; null where the relay's figure is zero or unknown
 * @param checks  the scenario's targets, met or not
 */
public record Comparison(String scenario, String description, String date, String commit, Machine machine,
                         LoadResult relay, LoadResult kizuna, Ratios ratios, List<Check> checks) {

    public record Machine(int cores, long memoryBytes, String os, String java) {

        static Machine current() {
            long memory = -1;
            if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
                memory = os.getTotalMemorySize();
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), memory,
                    System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        }
    }

    /**
     * Kizuna ÷ relay. Above 1 is better for throughput, below 1 is better for the others.
     *
     * @param cpuPerDelivery server CPU seconds per delivered message
     */
    public record Ratios(Double throughput, Double p50, Double p99, Double cpuPerDelivery, Double heapPerConnection,
                         Double rssPerConnection) {

        static Ratios of(LoadResult kizuna, LoadResult relay) {
            var k = kizuna.overall();
            var r = relay.overall();
            return new Ratios(ratio(k.deliveredPerSecond(), r.deliveredPerSecond()),
                    ratio(k.latency().p50Ms(), r.latency().p50Ms()),
                    ratio(k.latency().p99Ms(), r.latency().p99Ms()),
                    ratio(perDelivery(kizuna), perDelivery(relay)),
                    ratio(kizuna.server().heapPerConnectionBytes(), relay.server().heapPerConnectionBytes()),
                    ratio(kizuna.server().rssPerConnectionBytes(), relay.server().rssPerConnectionBytes()));
        }

        private static double perDelivery(LoadResult result) {
            long received = result.overall().received();
            double cpu = result.server().cpuSecondsDuringPhases();
            return received == 0 || cpu < 0 ? -1 : cpu / received;
        }

        private static Double ratio(double a, double b) {
            return a < 0 || b <= 0 ? null : a / b;
        }
    }

    /** One target: what was measured, what was wanted, and whether it holds. */
    public record Check(String name, String measured, String goal, boolean met) {
    }
}
