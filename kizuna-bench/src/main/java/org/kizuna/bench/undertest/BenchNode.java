package org.kizuna.bench.undertest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.kizuna.bench.load.LoadIdentities;
import org.kizuna.pki.NodePki;

/**
 * The node data directory both servers under test use: one PKI (CA, server certificate for
 * loopback) created once and reused by later runs, so the relay and Kizuna present the same
 * certificate and trust the same CA, and the load clients' certificates come from that CA.
 */
public final class BenchNode {

    private final Path dataDir;
    private final NodePki pki;
    private LoadIdentities identities;

    private BenchNode(Path dataDir) {
        this.dataDir = dataDir;
        this.pki = NodePki.in(dataDir);
    }

    /** Opens {@code dataDir}, creating its PKI when there is none yet. */
    public static BenchNode in(Path dataDir) throws IOException {
        BenchNode node = new BenchNode(dataDir.toAbsolutePath());
        if (!node.pki.isInitialized()) {
            Files.createDirectories(node.dataDir);
            node.pki.init("bench", List.of("127.0.0.1", "localhost"));
        }
        return node;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path pkiDir() {
        return pki.directory();
    }

    /**
     * Deletes the history the node wrote in earlier runs. Every run starts from an empty store, so a
     * result does not depend on what ran before: after a 2,000-client run had filled the H2 file
     * (700 MB), the next Kizuna took about a minute to start and the bench gave up on it.
     */
    void clearHistory() throws IOException {
        Path history = dataDir.resolve("history");
        if (!Files.exists(history)) {
            return;
        }
        try (var files = Files.walk(history)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * {@code count} client certificates of this node's CA, ready for the load generator; issued
     * once per node and reused, since issuing takes seconds and nothing in a run changes them.
     */
    public synchronized LoadIdentities clientIdentities(int count) throws IOException {
        if (identities == null || identities.size() != count) {
            identities = LoadIdentities.issuedBy(pki.loadCa(), count);
        }
        return identities;
    }

    /**
     * A {@code kizuna.yaml} that streams TLS on loopback {@code port}, no web API; everything else at
     * its default, or as {@code KIZUNA_BENCH_KIZUNA_YAML} says (top-level YAML appended as is, for
     * A/B runs of one setting, e.g. {@code "session: {flushInterval: 1ms}"}; not node, streaming or http).
     */
    Path kizunaConfig(int port) throws IOException {
        String extra = System.getenv("KIZUNA_BENCH_KIZUNA_YAML");
        Path file = dataDir.resolve("kizuna-bench-" + port + ".yaml");
        Files.writeString(file, """
                # Written by kizuna bench: loopback TLS on a free port, no web API, every other setting at its default.
                node:
                  id: bench
                streaming:
                  tls: { bind: 127.0.0.1, port: %d }
                  plain: { enabled: false }
                http: { enabled: false }
                """.formatted(port) + (extra == null || extra.isBlank() ? "" : extra.strip() + "\n"));
        return file;
    }
}
