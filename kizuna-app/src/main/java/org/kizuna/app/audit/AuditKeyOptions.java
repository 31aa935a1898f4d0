package org.kizuna.app.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.kizuna.app.config.ConfigException;
import org.kizuna.app.config.NodeConfigLoader;
import picocli.CommandLine.Option;

/**
 * {@code --audit-key FILE} (or {@code --key}) and {@code --config FILE}: the key the node keys its
 * audit log and posture file with, found as the node finds it. The option wins; else
 * {@code audit.keyFile} of the node's configuration; else {@code DATA/keys/audit.key}.
 */
public final class AuditKeyOptions {

    @Option(names = {"--audit-key", "--key"}, paramLabel = "FILE",
            description = "the node's audit key (default: audit.keyFile of --config, else DATA/keys/audit.key)")
    Path keyFile;

    @Option(names = "--config", paramLabel = "FILE", description = "the node's kizuna.yaml, for its audit.keyFile")
    Path configFile;

    /** The key file of the node whose data is in {@code dataDir}. */
    public Path keyFile(Path dataDir) {
        if (keyFile != null) {
            return keyFile;
        }
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new ConfigException("no such configuration file: " + configFile);
        }
        return NodeConfigLoader.auditKeyFile(configFile, dataDir);
    }
}
