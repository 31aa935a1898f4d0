package org.kizuna.app.serve;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.server.KizunaServer;
import org.kizuna.server.routing.HistorySink;
import org.kizuna.server.routing.ReleaseDecision;
import org.kizuna.server.tls.TlsFiles;

/**
 * One node, wired by hand: every collaborator is created here, in the order it is needed, and
 * closed in reverse. Later issues add the history store, the release guard and the web layer here.
 */
public final class RunningNode implements AutoCloseable {

    private final NodeConfig config;
    private final KizunaServer server;

    private RunningNode(NodeConfig config, KizunaServer server) {
        this.config = config;
        this.server = server;
    }

    /** Starts the node described by {@code config}; returns when its listeners accept connections. */
    public static RunningNode start(NodeConfig config) throws IOException, InterruptedException {
        KizunaServer server = new KizunaServer(config.server(), TlsFiles.inPkiDir(config.pkiDir()),
                config.groupDirectory(), ReleaseDecision.PERMIT_ALL, HistorySink.NONE, new SimpleMeterRegistry(),
                Clock.systemUTC());
        server.start();
        return new RunningNode(config, server);
    }

    public NodeConfig config() {
        return config;
    }

    public KizunaServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
