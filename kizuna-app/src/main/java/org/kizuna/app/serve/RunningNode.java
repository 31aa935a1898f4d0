package org.kizuna.app.serve;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.history.NodeHistory;
import org.kizuna.federation.Federation;
import org.kizuna.federation.InboundLabelling;
import org.kizuna.federation.LocalNode;
import org.kizuna.federation.PartnerRelease;
import org.kizuna.server.KizunaServer;
import org.kizuna.server.routing.HistorySink;
import org.kizuna.server.routing.ReleaseDecision;
import org.kizuna.server.tls.TlsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node, wired by hand: every collaborator is created here, in the order it is needed, and
 * closed in reverse. Later issues add the release guard and the web layer here.
 */
public final class RunningNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningNode.class);

    private final NodeConfig config;
    private final KizunaServer server;
    private final NodeHistory history;
    private final Federation federation;

    private RunningNode(NodeConfig config, KizunaServer server, NodeHistory history, Federation federation) {
        this.config = config;
        this.server = server;
        this.history = history;
        this.federation = federation;
    }

    /**
     * Starts the node described by {@code config}; returns when its listeners accept connections.
     * The history store opens first, so that the picture it kept is in place before anyone connects.
     */
    public static RunningNode start(NodeConfig config) throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        MeterRegistry registry = new SimpleMeterRegistry();
        NodeHistory history = config.history().enabled() ? NodeHistory.open(config.history(), clock, registry) : null;
        Federation federation = null;
        try {
            KizunaServer server = new KizunaServer(config.server(), TlsFiles.inPkiDir(config.pkiDir()),
                    config.groupDirectory(), ReleaseDecision.PERMIT_ALL, history == null ? HistorySink.NONE : history.sink(),
                    registry, clock);
            if (history != null) {
                history.restorePicture(server, config.server().cotLimits());
            }
            federation = federation(config, server, registry, clock);
            server.start();
            if (federation != null) {
                federation.start();
            }
            return new RunningNode(config, server, history, federation);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (federation != null) {
                federation.close();
            }
            if (history != null) {
                history.close();
            }
            throw e;
        }
    }

    /**
     * Links to partner nodes, when any is configured. The release guard is not built yet: until
     * it plugs into {@link PartnerRelease}, everything group-reachable for a partner is released.
     */
    private static Federation federation(NodeConfig config, KizunaServer server, MeterRegistry registry, Clock clock)
            throws IOException {
        if (config.federation() == null) {
            return null;
        }
        log.warn("federation releases every event its partners' outbound groups reach: the release guard is not "
                + "wired in yet");
        Federation federation = new Federation(config.federation(), TlsFiles.inPkiDir(config.pkiDir()),
                LocalNode.of(server, clock), PartnerRelease.PERMIT_ALL, InboundLabelling.ACCEPT_ALL,
                config.server().cotLimits(), registry, clock);
        server.router().listen(federation);
        return federation;
    }

    /** Federation with partner nodes; empty when no partner is configured. */
    public Optional<Federation> federation() {
        return Optional.ofNullable(federation);
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

    /** Stops federation, then the server, then commits what the history writer still holds, then closes the store. */
    @Override
    public void close() {
        if (federation != null) {
            federation.close();
        }
        server.close();
        if (history != null) {
            history.close();
        }
    }
}
