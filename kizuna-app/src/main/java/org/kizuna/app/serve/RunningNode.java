package org.kizuna.app.serve;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.history.NodeHistory;
import org.kizuna.app.release.NodeRelease;
import org.kizuna.server.KizunaServer;
import org.kizuna.server.routing.HistorySink;
import org.kizuna.server.tls.TlsFiles;

/**
 * One node, wired by hand: every collaborator is created here, in the order it is needed, and
 * closed in reverse. The release side is built first: a broken policy file stops the node before
 * anything opens. Later issues add the web layer here.
 */
public final class RunningNode implements AutoCloseable {

    private final NodeConfig config;
    private final KizunaServer server;
    private final NodeHistory history;
    private final NodeRelease release;
    private final ScheduledExecutorService postureWatch;

    private RunningNode(NodeConfig config, KizunaServer server, NodeHistory history, NodeRelease release) {
        this.config = config;
        this.server = server;
        this.history = history;
        this.release = release;
        this.postureWatch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kizuna-posture");
            t.setDaemon(true);
            return t;
        });
        postureWatch.scheduleWithFixedDelay(this::followPosture, 1, 1, TimeUnit.SECONDS);
    }

    /** A posture change re-evaluates what clients hold; retractions go into the audit log. */
    private void followPosture() {
        release.refresh().ifPresent(earlier -> release.recordRetractions(server.postureChanged(earlier)));
    }

    /**
     * Starts the node described by {@code config}; returns when its listeners accept connections.
     * The history store opens first, so that the picture it kept is in place before anyone connects.
     */
    public static RunningNode start(NodeConfig config) throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        NodeRelease release = NodeRelease.from(config, clock);
        MeterRegistry registry = new SimpleMeterRegistry();
        NodeHistory history = config.history().enabled() ? NodeHistory.open(config.history(), clock, registry) : null;
        try {
            KizunaServer server = new KizunaServer(config.server(), TlsFiles.inPkiDir(config.pkiDir()),
                    config.groupDirectory(), release.decision(), history == null ? HistorySink.NONE : history.sink(),
                    registry, clock);
            if (history != null) {
                history.restorePicture(server, config.server().cotLimits());
            }
            server.start();
            return new RunningNode(config, server, history, release);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (history != null) {
                history.close();
            }
            release.close();
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

    /** The release side: the posture in force. */
    public NodeRelease release() {
        return release;
    }

    /** Stops the server, then commits what the history writer still holds, then closes the store. */
    @Override
    public void close() {
        postureWatch.shutdownNow();
        server.close();
        if (history != null) {
            history.close();
        }
        try {
            release.close();
        } catch (IOException e) {
            // the audit log forces every record when it is written; closing loses nothing
        }
    }
}
