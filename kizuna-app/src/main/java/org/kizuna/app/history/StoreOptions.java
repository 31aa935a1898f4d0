package org.kizuna.app.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.kizuna.app.config.ConfigException;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --config} of the commands that read a node's history. */
final class StoreOptions {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The node's data directory (its H2 history lives in DIR/history).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The node's kizuna.yaml, for a store.url other than the default H2 file.")
    Path configFile;

    /**
     * Opens the node's store for reading, without background retention. The embedded H2 file
     * can be open in one process only: stop the node first, or use PostgreSQL.
     */
    JdbcHistoryStore open() {
        return JdbcHistoryStore.open(config().history().store(), Clock.systemUTC(), false);
    }

    /** The node's configuration. */
    NodeConfig config() {
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new ConfigException("no such configuration file: " + configFile);
        }
        return NodeConfigLoader.load(configFile, dataDir.toAbsolutePath());
    }
}
