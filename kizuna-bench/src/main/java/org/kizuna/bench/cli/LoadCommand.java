package org.kizuna.bench.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.kizuna.bench.load.LoadGenerator;
import org.kizuna.bench.load.LoadIdentities;
import org.kizuna.bench.load.LoadResult;
import org.kizuna.bench.load.LoadSpec;
import org.kizuna.bench.load.Phase;
import org.kizuna.bench.load.TargetProbe;
import org.kizuna.bench.undertest.BenchNode;
import org.kizuna.bench.undertest.TargetProcess;
import org.kizuna.core.routing.WireFormat;
import org.kizuna.pki.NodePki;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kizuna load}: one load against a running node, or against a server it starts itself. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Run N TLS clients against a node and write a JSON result.")
public final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--clients", defaultValue = "100", description = "TLS clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rate", defaultValue = "1", description = "Position reports per second per client (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--chat-rate", defaultValue = "0", description = "GeoChat lines per second per client (default ${DEFAULT-VALUE}).")
    double chatRate;

    @Option(names = "--format", defaultValue = "XML", description = "XML or PROTOBUF (TAK protocol v1 after negotiation).")
    WireFormat format;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Seconds of sending before measuring (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--ramp", defaultValue = "100", description = "New connections per second (default ${DEFAULT-VALUE}).")
    int ramp;

    @Option(names = "--loops", defaultValue = "2", description = "Client event loop threads (default ${DEFAULT-VALUE}).")
    int loops;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON result (default: WORK/results/load-TIME.json).")
    Path out;

    @Option(names = "--work", defaultValue = ".kizuna/bench", paramLabel = "DIR",
            description = "Bench node data, logs and results (default ${DEFAULT-VALUE}).")
    Path workDir;

    @ArgGroup(exclusive = true)
    TargetChoice target = new TargetChoice();

    static final class TargetChoice {
        @Option(names = "--start", paramLabel = "kizuna|relay",
                description = "Start this server in a child JVM on loopback (default: kizuna).")
        String start;

        @ArgGroup(exclusive = false)
        Remote remote;
    }

    static final class Remote {
        @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "A running node's TLS streaming port.")
        String address;

        @Option(names = "--data", paramLabel = "DIR", description = "The node's data directory: client certificates are issued from its CA.")
        Path data;

        @Option(names = "--cert", paramLabel = "PEM", description = "Client certificate shared by all connections (with --key and --ca).")
        Path cert;

        @Option(names = "--key", paramLabel = "PEM", description = "Its private key.")
        Path key;

        @Option(names = "--ca", paramLabel = "PEM", description = "The node CA certificate.")
        Path ca;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        LoadSpec load = new LoadSpec(clients, rate, chatRate, format, ramp, Duration.ofSeconds(warmup),
                List.of(Phase.steady("steady", Duration.ofSeconds(seconds))), 0, Duration.ofSeconds(3), loops);
        LoadResult result;
        if (target.remote != null) {
            result = runRemote(load, err);
        } else {
            result = runStarted(load, err, target.start == null ? "kizuna" : target.start);
        }
        Path file = out != null ? out : ResultFile.defaultPath(workDir, "load");
        ResultFile.write(file, result);
        PrintWriter stdout = spec.commandLine().getOut();
        SummaryTable.print(result, stdout);
        stdout.println("result: " + file);
        stdout.flush();
        return result.connections().connected() > 0 ? 0 : 1;
    }

    private LoadResult runStarted(LoadSpec load, PrintWriter err, String which) throws Exception {
        if (!which.equals("kizuna") && !which.equals("relay")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--start must be kizuna or relay");
        }
        BenchNode node = BenchNode.in(workDir.resolve("node"));
        LoadIdentities identities = node.clientIdentities(LoadIdentities.DEFAULT_POOL);
        Path logs = workDir.resolve("logs");
        try (TargetProcess server = which.equals("kizuna") ? TargetProcess.kizuna(node, "1g", logs)
                : TargetProcess.relay(node, "1g", logs)) {
            return new LoadGenerator(load, identities, server, line -> err.println("[load] " + line))
                    .run(which, server.address());
        }
    }

    private LoadResult runRemote(LoadSpec load, PrintWriter err) throws Exception {
        Remote r = target.remote;
        LoadIdentities identities;
        if (r.data != null) {
            identities = LoadIdentities.issuedBy(NodePki.in(r.data).loadCa(), LoadIdentities.DEFAULT_POOL);
        } else if (r.cert != null && r.key != null && r.ca != null) {
            identities = LoadIdentities.fromFiles(r.cert, r.key, r.ca);
        } else {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--target needs --data DIR, or --cert, --key and --ca");
        }
        int colon = r.address.lastIndexOf(':');
        if (colon <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--target must be HOST:PORT");
        }
        InetSocketAddress address = new InetSocketAddress(r.address.substring(0, colon),
                Integer.parseInt(r.address.substring(colon + 1)));
        return new LoadGenerator(load, identities, TargetProbe.NONE, line -> err.println("[load] " + line))
                .run(r.address, address);
    }
}
