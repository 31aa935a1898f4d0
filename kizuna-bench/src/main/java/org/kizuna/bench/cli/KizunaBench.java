package org.kizuna.bench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code kizuna load}, {@code kizuna bench}, {@code kizuna bench-store}, {@code bench-link} and {@code bench-leaks}: the launcher runs this class from the
 * kizuna-bench module, so load and benchmark code never ships in the server's own jar.
 */
@Command(name = "kizuna", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "Kizuna load generator and end-to-end benchmarks.",
        subcommands = {
            LoadCommand.class,
            BenchCommand.class,
            StoreBenchCommand.class,
            LinkBenchCommand.class,
            LeakBenchCommand.class,
        })
public final class KizunaBench implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new KizunaBench()).execute(args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: load, bench or bench-store");
    }
}
