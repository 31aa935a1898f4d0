package org.kizuna.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.kizuna.bench.store.PictureRestoreBenchmark;
import org.kizuna.bench.store.StoreBenchmark;
import org.kizuna.store.StoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kizuna bench-store}: history ingest and query figures on H2 or PostgreSQL. */
@Command(name = "bench-store", mixinStandardHelpOptions = true,
        description = {"Ingest position reports through the history writer into a fresh store, then query them.",
                "With --restore: the time a node restarting after a busy spell takes to read its picture back."})
public final class StoreBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "1000000", description = "Events to ingest (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--queries", defaultValue = "300", description = "Measured queries (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--restore", description = "Measure the picture restore after a busy spell instead.")
    boolean restore;

    @Option(names = "--units", defaultValue = "2000",
            description = "With --restore: units reporting once a second (default ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--seconds", defaultValue = "300",
            description = "With --restore: length of the busy spell in seconds (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "An EMPTY PostgreSQL schema, e.g. jdbc:postgresql://127.0.0.1:5432/kizuna?currentSchema=bench;"
                    + " default: H2 in a new temporary directory.")
    String url;

    @Option(names = "--user", defaultValue = "kizuna", description = "Database user (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password", defaultValue = "kizuna", description = "Database password (default ${DEFAULT-VALUE}).")
    String password;

    @Override
    public Integer call() throws IOException {
        if (restore && (units < 1 || units > 1_000_000 || seconds < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--units must be 1..1,000,000 and --seconds >= 1");
        }
        if (events < 1000 || queries < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--events must be >= 1000 and --queries >= 1");
        }
        StoreSettings settings = url == null
                ? new StoreSettings(StoreSettings.h2Url(Files.createTempDirectory("kizuna-bench-store")), "", "", null, 0, 4)
                : new StoreSettings(url, user, password, null, 0, 4);
        PrintWriter out = spec.commandLine().getOut();
        String database = settings.isPostgres() ? "PostgreSQL" : "H2";
        if (restore) {
            out.printf("%s, %,d units reporting once a second for %d s ...%n", database, units, seconds);
            out.flush();
            PictureRestoreBenchmark.Result r = PictureRestoreBenchmark.run(settings, units, seconds);
            out.printf("wrote %,d rows in %.1f s; picture of %,d items restored in %s ms (first cold)%n", r.rows(),
                    r.writeSeconds(), r.items(), java.util.Arrays.stream(r.restoreMillis())
                            .mapToObj(m -> String.format("%.0f", m)).collect(java.util.stream.Collectors.joining(" / ")));
            return 0;
        }
        out.printf("%s, %,d events ...%n", database, events);
        out.flush();
        StoreBenchmark.Result r = StoreBenchmark.run(settings, events, queries);
        out.printf("ingest: %,d events in %.1f s = %,.0f events/s (%d batches, %d sampled, %d failed)%n",
                r.written(), r.ingestSeconds(), r.eventsPerSecond(), r.batches(), r.sampled(), r.failed());
        out.printf("event table: %,d MiB%n", r.tableBytes() >> 20);
        out.printf("window(1 h) + bbox(1x1 deg), %d queries, %.0f rows/page: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms,"
                + " max %.1f ms%n", r.queries(), r.rowsPerPage(), r.p50Millis(), r.p95Millis(), r.p99Millis(), r.maxMillis());
        return 0;
    }
}
