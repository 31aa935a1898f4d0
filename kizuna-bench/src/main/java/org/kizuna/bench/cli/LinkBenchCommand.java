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

    @Option(names = "--store", defaultValue = "GROUP",
            description = "Link journals: MEMORY, GROUP (group commit every 10 ms, the node's default) or ALWAYS "
                    + "(a force per record) (default ${DEFAULT-VALUE}).")
    LinkThroughput.Store store;

    @Option(names = "--cut", description = "Instead: cut the link for SECONDS while --events durable events are "
            + "offered, restore it and time the resume.", paramLabel = "SECONDS")
    Double cutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (cutSeconds != null) {
            out.printf("one link jpn-1 -> usa-1 through a relay, cut for %.1f s while %,d durable events are offered "
                    + "(journals: %s) ...%n", cutSeconds, events, store);
            out.flush();
            LinkThroughput.CutResult c = LinkThroughput.resumeAfterCut(Files.createTempDirectory("kizuna-bench-link"),
                    events, java.time.Duration.ofMillis((long) (cutSeconds * 1000)), store);
            out.printf("outage %.2f s, backlog %,d: after the restore, link active in %.0f ms (the pending redial), "
                    + "first event in %.0f ms, backlog drained in %.0f ms; from the link active: first event %.1f ms, "
                    + "drained %.0f ms (%,.0f events/s); duplicates %d, refused %d%n",
                    c.outageSeconds(), c.backlog(), c.activeMillis(), c.firstMillis(), c.drainedMillis(),
                    c.firstMillis() - c.activeMillis(), c.drainedMillis() - c.activeMillis(),
                    c.backlog() / ((c.drainedMillis() - c.activeMillis()) / 1000), c.duplicates(), c.refused());
            return 0;
        }
        out.printf("one link jpn-1 -> usa-1, mTLS on loopback: %,d warm-up + %,d measured events at %s, journals %s ...%n",
                warmUp, events, rate == 0 ? "full speed" : rate + "/s", store);
        out.flush();
        LinkThroughput.Result r = LinkThroughput.run(Files.createTempDirectory("kizuna-bench-link"), warmUp, events, rate,
                store);
        out.printf("%,d events in %.2f s = %,.0f events/s; offer-to-ingest latency p50 %.0f us, p99 %.0f us, "
                + "max %.0f us; refused %d%n", r.events(), r.seconds(), r.eventsPerSecond(), r.p50Micros(),
                r.p99Micros(), r.maxMicros(), r.refused());
        return 0;
    }
}
