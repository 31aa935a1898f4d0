package org.kizuna.app.serve;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.history.NodeHistory;
import org.kizuna.server.KizunaServer;
import org.kizuna.server.routing.HistorySink;
import org.kizuna.server.routing.ReleaseDecision;
import org.kizuna.server.tls.TlsFiles;

/**
 * One node, wired by hand: every collaborator is created here, in the order it is needed, and
 * closed in reverse. Later issues add the release guard and the web layer here.
 */
public final class RunningNode implements AutoCloseable {

    private final NodeConfig config;
    private final KizunaServer server;
    private final NodeHistory history;

    private RunningNode(NodeConfig config, KizunaServer server, NodeHistory history) {
        this.config = config;
        this.server = server;
        this.history = history;
    }

    /**
     * Starts the node described by {@code config}; returns when its listeners accept connections.
     * The history store opens first, so that the picture it kept is in place before anyone connects.
     */
    public static RunningNode start(NodeConfig config) throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        MeterRegistry registry = new SimpleMeterRegistry();
        NodeHistory history = config.history().enabled() ? NodeHistory.open(config.history(), clock, registry) : null;
        try {
            KizunaServer server = new KizunaServer(config.server(), TlsFiles.inPkiDir(config.pkiDir()),
                    config.groupDirectory(), ReleaseDecision.PERMIT_ALL, history == null ? HistorySink.NONE : history.sink(),
                    registry, clock);
            if (history != null) {
                history.restorePicture(server, config.server().cotLimits());
            }
            server.start();
            return new RunningNode(config, server, history);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (history != null) {
                history.close();
            }
            throw e;
        }
    }

    /** The history of this node; empty when {@code store.enabled} is false. */
    public Optional<NodeHistory> history() {
        return Optional.ofNullable(history);
    }

    public NodeConfig config() {
        return config;
    }

    public KizunaServer server() {
        return server;
    }

    /** Stops the server, then commits what the history writer still holds, then closes the store. */
    @Override
    public void close() {
        server.close();
        if (history != null) {
            history.close();
        }
    }
}
