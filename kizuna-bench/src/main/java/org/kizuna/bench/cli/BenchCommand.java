package org.kizuna.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.kizuna.bench.scenario.BenchRun;
import org.kizuna.bench.scenario.Comparison;
import org.kizuna.bench.scenario.Scenario;
import org.kizuna.bench.scenario.Scenarios;
import org.kizuna.bench.undertest.BenchNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kizuna bench SCENARIO}: the bare relay, then Kizuna, same load, and the ratios. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a scenario against the bare relay and Kizuna back to back; print and write the comparison.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SCENARIO",
            description = "tak-profile, 2k, idle-10k, burst or slow-consumer (--list describes them).")
    String scenarioName;

    @Option(names = "--list", description = "List the scenarios.")
    boolean list;

    @Option(names = "--clients", description = "Override the scenario's client count.")
    Integer clients;

    @Option(names = "--rate", description = "Override the position reports per second per client.")
    Double rate;

    @Option(names = "--seconds", description = "Override the measured time (phases keep their proportions).")
    Integer seconds;

    @Option(names = "--out", paramLabel = "FILE", description = "JSON result (default: WORK/results/SCENARIO-TIME.json).")
    Path out;

    @Option(names = "--work", defaultValue = ".kizuna/bench", paramLabel = "DIR",
            description = "Bench node data, server logs and results (default ${DEFAULT-VALUE}).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list || scenarioName == null) {
            Scenarios.all().forEach(s -> stdout.printf("%-14s %s%n", s.name(), s.description()));
            stdout.flush();
            return list ? 0 : 2;
        }
        Scenario scenario = Scenarios.named(scenarioName).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "unknown scenario '" + scenarioName + "'; try --list"));
        if (clients != null) {
            scenario = scenario.withClients(clients);
        }
        if (rate != null) {
            scenario = scenario.withRate(rate);
        }
        if (seconds != null) {
            scenario = scenario.measuredFor(Duration.ofSeconds(seconds));
        }
        PrintWriter err = spec.commandLine().getErr();
        BenchRun run = new BenchRun(BenchNode.in(workDir.resolve("node")), workDir.resolve("logs"),
                System.getProperty("kizuna.commit", "unknown"), line -> err.println("[bench] " + line));
        Comparison comparison = run.run(scenario);
        Path file = out != null ? out : ResultFile.defaultPath(workDir, scenario.name());
        ResultFile.write(file, comparison);
        SummaryTable.print(comparison, stdout);
        stdout.println("result: " + file);
        stdout.flush();
        return 0;
    }
}
