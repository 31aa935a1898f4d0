package org.kizuna.bench.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.kizuna.bench.load.LoadGenerator;
import org.kizuna.bench.load.LoadIdentities;
import org.kizuna.bench.load.LoadResult;
import org.kizuna.bench.scenario.Comparison.Machine;
import org.kizuna.bench.scenario.Comparison.Ratios;
import org.kizuna.bench.undertest.BenchNode;
import org.kizuna.bench.undertest.TargetProcess;

/**
 * Runs one scenario against the bare relay and then against Kizuna, each in a fresh child JVM with
 * the same heap, the same TLS files and the same client certificates, and compares them.
 */
public final class BenchRun {

    /** Time for the kernel to settle closed sockets between the two servers. */
    private static final long PAUSE_BETWEEN_MS = 500;

    private final BenchNode node;
    private final Path logDir;
    private final String commit;
    private final Consumer<String> progress;

    public BenchRun(BenchNode node, Path logDir, String commit, Consumer<String> progress) {
        this.node = node;
        this.logDir = logDir;
        this.commit = commit;
        this.progress = progress;
    }

    public Comparison run(Scenario scenario) throws IOException, InterruptedException {
        String date = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
        LoadIdentities identities = node.clientIdentities(LoadIdentities.DEFAULT_POOL);
        LoadResult relay;
        try (TargetProcess target = TargetProcess.relay(node, scenario.serverHeap(), logDir)) {
            relay = measure(scenario, identities, target);
        }
        Thread.sleep(PAUSE_BETWEEN_MS);
        LoadResult kizuna;
        try (TargetProcess target = TargetProcess.kizuna(node, scenario.serverHeap(), logDir)) {
            kizuna = measure(scenario, identities, target);
        }
        Ratios ratios = Ratios.of(kizuna, relay);
        return new Comparison(scenario.name(), scenario.description(), date, commit, Machine.current(), relay, kizuna,
                ratios, Checks.of(scenario.name(), kizuna, ratios));
    }

    private LoadResult measure(Scenario scenario, LoadIdentities identities, TargetProcess target)
            throws InterruptedException {
        progress.accept(scenario.name() + " against " + target.name() + " (pid " + target.pid() + ", log " + target.log()
                + ", TLS " + target.tlsProvider() + (io.netty.handler.ssl.OpenSsl.isAvailable() ? "" : "; load generator on JDK TLS")
                + ")");
        return new LoadGenerator(scenario.load(), identities, target, progress).run(target.name(), target.address());
    }
}
