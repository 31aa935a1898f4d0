package org.kizuna.bench.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import org.kizuna.core.leaks.NoLeakRuns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kizuna bench-leaks}: the no-leak property of kizuna-core at volume. Random worlds
 * (policy, release rules, clearances, clients, partners) drive the real router, guarded release
 * and partner guard through every edge of the release boundary, and an oracle written apart from
 * the access rules checks every delivery. Exits 1 when anything leaked.
 */
@Command(name = "bench-leaks", mixinStandardHelpOptions = true,
        description = "Check at least N deliveries through every edge against the independent oracle; exit 1 on a leak.")
public final class LeakBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--deliveries", defaultValue = "1000000",
            description = "Deliveries to check at least (default ${DEFAULT-VALUE}).")
    long deliveries;

    @Option(names = "--seed", description = "First world's seed (default: from the clock); worlds use consecutive seeds.")
    Long seed;

    @Option(names = "--steps", defaultValue = "500", description = "Steps per world (default ${DEFAULT-VALUE}).")
    int steps;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // The router logs every refusal at INFO: millions of lines would measure the console.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.kizuna"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        long first = seed != null ? seed : System.nanoTime();
        out.printf("no-leak runs: at least %,d deliveries, %d steps per world, worlds from seed %d ...%n", deliveries,
                steps, first);
        out.flush();
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        NoLeakRuns.Result r = NoLeakRuns.until(deliveries, first, steps);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
        out.printf("%,d deliveries checked in %,d worlds (seeds %d..%d), %,d events refused at ingest%n", r.deliveries(),
                r.seeds(), r.firstSeed(), r.firstSeed() + r.seeds() - 1, r.refusals());
        out.printf("by edge: %s%n", r.byEdge());
        if (!r.findings().isEmpty()) {
            out.printf("findings (not leaks by the oracle's rules): %s%n", r.findings());
        }
        out.printf("leaks: %d; %.1f s (%.1f s of CPU), %,.0f deliveries/s; commit %s%n", r.leaks(), seconds, cpu,
                r.deliveries() / seconds, System.getProperty("kizuna.commit", "unknown"));
        if (r.leaks() > 0) {
            r.leakReports().forEach(l -> out.println(l));
            out.println("world of seed " + r.leakingSeeds().get(0) + ":\n" + NoLeakRuns.describe(r.leakingSeeds().get(0)));
            return 1;
        }
        return 0;
    }
}
