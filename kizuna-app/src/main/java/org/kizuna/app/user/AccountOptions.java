package org.kizuna.app.user;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.kizuna.app.config.ConfigException;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --config}: where the node's database (and so its accounts) is. */
final class AccountOptions {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The node's data directory.")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The node's kizuna.yaml, for a store.url other than the default H2 file.")
    Path configFile;

    NodeConfig config() {
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new ConfigException("no such configuration file: " + configFile);
        }
        return NodeConfigLoader.load(configFile, dataDir.toAbsolutePath());
    }

    /**
     * Opens (and migrates) the node's database without background work. The embedded H2 file can be
     * open in one process only: stop the node first, or use PostgreSQL.
     */
    JdbcHistoryStore open(NodeConfig config) {
        if (!config.history().enabled()) {
            throw new ConfigException("store.enabled is false: accounts live in the node's database");
        }
        return JdbcHistoryStore.open(config.history().store(), Clock.systemUTC(), false);
    }
}
