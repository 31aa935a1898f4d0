package org.kizuna.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.kizuna.bench.federation.LinkThroughput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kizuna bench-link}: events per second across one federation link (mTLS, loopback). */
@Command(name = "bench-link", mixinStandardHelpOptions = true,
        description = "Send durable markers from one node to another over one federation link and count them.")
public final class LinkBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "500000", description = "Measured events (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--warm-up", defaultValue = "100000", description = "Events before measuring (default ${DEFAULT-VALUE}).")
    long warmUp;

    @Option(names = "--rate", defaultValue = "0",
            description = "Offers per second (default ${DEFAULT-VALUE}: as fast as the link takes them).")
    int rate;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("one link jpn-1 -> usa-1, mTLS on loopback: %,d warm-up + %,d measured events at %s ...%n", warmUp,
                events, rate == 0 ? "full speed" : rate + "/s");
        out.flush();
        LinkThroughput.Result r = LinkThroughput.run(Files.createTempDirectory("kizuna-bench-link"), warmUp, events, rate);
        out.printf("%,d events in %.2f s = %,.0f events/s; offer-to-ingest latency p50 %.0f us, p99 %.0f us, "
                + "max %.0f us; refused %d%n", r.events(), r.seconds(), r.eventsPerSecond(), r.p50Micros(),
                r.p99Micros(), r.maxMicros(), r.refused());
        return 0;
    }
}
