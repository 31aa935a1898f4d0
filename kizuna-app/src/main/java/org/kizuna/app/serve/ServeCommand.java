package org.kizuna.app.serve;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.kizuna.app.config.ConfigException;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.pki.NodePki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kizuna serve}: runs a node until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run a node.")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The node's data directory (pki/, clients.yaml).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "kizuna.yaml; every setting has a default.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        NodeConfig config;
        try {
            if (configFile != null && !Files.isRegularFile(configFile)) {
                throw new ConfigException("no such configuration file: " + configFile);
            }
            config = NodeConfigLoader.load(configFile, dataDir.toAbsolutePath());
        } catch (ConfigException e) {
            err.println("kizuna serve: " + e.getMessage());
            return 1;
        }
        boolean needsPki = config.server().tls().enabled() || (config.http().listener().enabled() && config.http().tls());
        if (needsPki && !NodePki.in(config.dataDir()).isInitialized()) {
            err.println("kizuna serve: no PKI in " + config.pkiDir() + " - run: kizuna pki init --data " + dataDir);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (RunningNode node = RunningNode.start(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                node.close();
                stopped.countDown();
            }, "kizuna-shutdown"));
            PrintWriter out = spec.commandLine().getOut();
            out.println(NodeBanner.describe(node));
            out.flush();
            stopped.await();
        }
        return 0;
    }
}
