package org.kizuna.app.serve;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.enroll.EnrollQrCommand;
import org.kizuna.app.history.NodeHistory;
import org.kizuna.app.identity.NodeUidBindings;
import org.kizuna.app.pki.EnrolledCertificates;
import org.kizuna.app.pki.NodeEnrollment;
import org.kizuna.app.release.NodeRelease;
import org.kizuna.core.federation.InboundLabelling;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.core.routing.LatestState;
import org.kizuna.federation.Federation;
import org.kizuna.federation.LocalNode;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.server.KizunaServer;
import org.kizuna.server.http.HealthCheck;
import org.kizuna.server.http.WebApi;
import org.kizuna.server.http.enroll.EnrollmentTokens;
import org.kizuna.server.http.posture.PostureAdmin;
import org.kizuna.server.tls.Revocations;
import org.kizuna.server.tls.TlsFiles;
import org.kizuna.store.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node, wired by hand: every collaborator is created here, in the order it is needed, and
 * closed in reverse. The release side is built first: a broken policy file stops the node before
 * anything opens.
 */
public final class RunningNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningNode.class);

    private final NodeConfig config;
    private final KizunaServer server;
    private final NodeHistory history;
    private final NodeRelease release;
    private final WebApi web;
    private final Federation federation;
    private final NodeRelease.PartnerSide partners;
    private final ScheduledExecutorService postureWatch;
    private final NodeUidBindings uids;
    /** The node's own records: connections closed for a revocation, links closed for a removal. */
    private final AuditLog trustAudit;

    private RunningNode(NodeConfig config, KizunaServer server, NodeHistory history, NodeRelease release, WebApi web,
                        Federation federation, NodeRelease.PartnerSide partners, NodeUidBindings uids,
                        AuditLog trustAudit) {
        this.config = config;
        this.trustAudit = trustAudit;
        this.uids = uids;
        this.server = server;
        this.history = history;
        this.release = release;
        this.web = web;
        this.federation = federation;
        this.partners = partners;
        this.postureWatch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kizuna-posture");
            t.setDaemon(true);
            return t;
        });
        postureWatch.scheduleWithFixedDelay(this::followPosture, 1, 1, TimeUnit.SECONDS);
        // releases an admin made with `kizuna uid release` while the node runs (refresh never throws)
        postureWatch.scheduleWithFixedDelay(uids::refresh, 1, 1, TimeUnit.SECONDS);
        if (federation != null) {
            // partners an admin removed with `kizuna federate remove`: their links close within a second
            PartnerRemovals removals = new PartnerRemovals(config.dataDir(), federation, trustAudit);
            postureWatch.scheduleWithFixedDelay(removals::poll, 500, 500, TimeUnit.MILLISECONDS);
        }
    }

    /** Audits each connection the server closed because its certificate was revoked (the server logs and counts it). */
    private static void auditClosed(AuditLog audit, Revocations.Closed c) {
        try {
            audit.append("session-closed-revoked", "node", c.listener() + " connection of '" + c.subject() + "' serial "
                    + c.serial() + " from " + c.remote() + " closed: certificate revoked " + c.entry().revokedAt()
                    + " (" + c.entry().reason() + ")");
        } catch (RuntimeException e) {
            log.error("closed the connection of revoked certificate {}, but the audit record could not be written",
                    c.serial(), e);
        }
    }

    /**
     * A posture change re-evaluates what clients hold, then what each partner holds (retracted
     * over the link, or offered again); retractions go into the audit log.
     */
    private void followPosture() {
        release.refresh().ifPresent(earlier -> {
            release.recordRetractions(server.postureChanged(earlier));
            if (federation != null && partners != null) {
                try {
                    partners.reevaluation().postureChanged(earlier, release.posture().orElseThrow(), federation,
                            server.picture().snapshot(Clock.systemUTC().instant()));
                } catch (RuntimeException e) {
                    // a periodic task that throws is never run again: the node would stop following its posture
                    log.error("cannot re-evaluate what partners hold after the posture change", e);
                }
            }
        });
    }

    /**
     * Starts the node described by {@code config}; returns when its listeners accept connections.
     * The history store opens first, so that the picture it kept is in place before anyone connects.
     */
    public static RunningNode start(NodeConfig config) throws IOException, InterruptedException {
        Clock clock = Clock.systemUTC();
        DataDirectory.secure(config.dataDir());
        EnrolledCertificates enrolled = EnrolledCertificates.read(config.dataDir());
        NodeRelease release = NodeRelease.from(config, clock, enrolled);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        auditMeters(release, meters);
        NodeHistory history;
        NodeUidBindings uids;
        try {
            uids = NodeUidBindings.open(config.dataDir(), config.identity(), clock);
        } catch (IOException | RuntimeException e) {
            release.close(); // the audit log and its writer thread are open already
            throw e;
        }
        try {
            history = config.history().enabled() ? NodeHistory.open(config.history(), clock, meters) : null;
        } catch (RuntimeException e) {
            uids.close();
            release.close();
            throw e;
        }
        KizunaServer server = null;
        Federation federation = null;
        NodeRelease.PartnerSide partners = null;
        AuditLog trustAudit = null;
        try {
            trustAudit = AuditLog.openNodeLog(config.dataDir(), config.auditKeyFile(), clock);
            KizunaServer[] started = new KizunaServer[1];
            NodeEnrollment enrollment = new NodeEnrollment(config.dataDir(), () -> started[0].port("tls"),
                    config.server().nodeId(), trustAudit, enrolled);
            server = new KizunaServer(config.server(), TlsFiles.inPkiDir(config.pkiDir()),
                    enrollment.groups(config.groupDirectory()), release.decision(), history == null ? HistorySink.NONE : history.sink(),
                    meters, clock, uids.bindings(), partnerNodes(config));
            started[0] = server;
            AuditLog audit = trustAudit;
            server.revocations().onClosed(closed -> auditClosed(audit, closed));
            if (history != null) {
                history.restorePicture(server, config.server().cotLimits());
            }
            KizunaServer s = server;
            partners = config.federation() == null ? null : release.partnerSide(uid -> heldLabels(s, uid)).orElse(null);
            federation = federation(config, server, partners, meters, clock);
            server.start();
            if (federation != null) {
                federation.start();
            }
            WebApi web = config.http().listener().enabled() ? startWeb(config, server, history, release, meters, clock,
                    enrollment, trustAudit) : null;
            return new RunningNode(config, server, history, release, web, federation, partners, uids, trustAudit);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (federation != null) {
                federation.close();
            }
            if (server != null) {
                server.close();
            }
            if (trustAudit != null) {
                try {
                    trustAudit.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (history != null) {
                history.close();
            }
            uids.close();
            release.close();
            throw e;
        }
    }

    /** Whether the audit trail failed (1: the node releases nothing) and how many records it could not write. */
    private static void auditMeters(NodeRelease release, MeterRegistry meters) {
        if (!release.audited()) {
            return;
        }
        Gauge.builder("kizuna.audit.failed", release, r -> r.auditFailure().isPresent() ? 1 : 0)
                .description("1 once the audit trail failed: every release is denied until a restart").register(meters);
        FunctionCounter.builder("kizuna.audit.unwritten", release, NodeRelease::auditRecordsUnwritten)
                .description("audit records not written since the trail failed (each is in the node's log)")
                .register(meters);
    }

    /** The configured partners' node ids: their uid prefixes are reserved to them. */
    private static List<String> partnerNodes(NodeConfig config) {
        return config.federation() == null ? List.of()
                : config.federation().partners().stream().map(p -> p.nodeId()).toList();
    }

    /**
     * The web API on the server's own event loops; accounts live in the history database. The
     * enrollment port opens with it ({@code enrollment.enabled}): it signs in with the same accounts.
     */
    private static WebApi startWeb(NodeConfig config, KizunaServer server, NodeHistory history, NodeRelease release,
                                   PrometheusMeterRegistry meters, Clock clock, NodeEnrollment enrollment,
                                   AuditLog audit) throws IOException, InterruptedException {
        PostureAdmin posture = release.postureAdmin().orElse(null);
        List<HealthCheck> checks = new ArrayList<>();
        if (history != null) {
            checks.add(new HealthCheck("store", history.store()::isReachable));
        }
        if (release.audited()) {
            // the audit trail failed: the node releases nothing, and says so
            checks.add(new HealthCheck("audit", () -> release.auditFailure().isEmpty()));
        }
        WebApi.Backends backends = history == null
                ? new WebApi.Backends(null, null, meters::scrape, List.copyOf(checks), posture)
                : new WebApi.Backends(history.store().accounts(), history.store(), meters::scrape, List.copyOf(checks),
                        posture);
        WebApi web = new WebApi(config.http(), server, backends, clock);
        try {
            web.start(TlsFiles.inPkiDir(config.pkiDir()));
            if (config.http().enrollment().enabled()) {
                web.startEnrollment(TlsFiles.inPkiDir(config.pkiDir()), EnrollmentTokens.in(config.dataDir(), clock),
                        enrollment, enrollmentQr(config, audit));
            }
            return web;
        } catch (IOException | InterruptedException | RuntimeException e) {
            web.close();
            throw e;
        }
    }

    /** The web page's enrollment QR: the host {@code kizuna enroll-qr} prints; each token in the audit log. */
    private static WebApi.QrOffer enrollmentQr(NodeConfig config, AuditLog audit) {
        return new WebApi.QrOffer(port -> {
            try {
                return EnrollQrCommand.address(config.dataDir(), null, port);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, (account, by, expires) -> audit.append("enrollment-token-issued", by,
                "account '" + account + "' until " + expires));
    }

    /**
     * Links to partner nodes, when any is configured. With labels on, the release guard decides
     * for each partner with the clearance of its accreditation and labels what partners send;
     * without, everything group-reachable for a partner is released (and a warning says so).
     */
    private static Federation federation(NodeConfig config, KizunaServer server, NodeRelease.PartnerSide partners,
                                         MeterRegistry registry, Clock clock) throws IOException {
        if (config.federation() == null) {
            return null;
        }
        PartnerRelease outbound = PartnerRelease.PERMIT_ALL;
        InboundLabelling inbound = InboundLabelling.ACCEPT_ALL;
        if (partners != null) {
            outbound = partners.release();
            inbound = partners.labelling();
        } else {
            log.warn("labels are off (no policy.file): federation releases every event its partners' outbound groups "
                    + "reach");
        }
        Federation federation = new Federation(config.federation(), TlsFiles.inPkiDir(config.pkiDir()),
                LocalNode.of(server, clock), outbound, inbound, config.server().cotLimits(), registry, clock);
        server.router().listen(federation);
        return federation;
    }

    /** The labels of the picture item {@code uid}, if the node holds it. */
    private static Optional<LabelSet> heldLabels(KizunaServer server, String uid) {
        LatestState.Entry entry = server.picture().get(uid);
        if (entry == null || entry.routed().label() == null) {
            return Optional.empty();
        }
        return Optional.of(entry.routed().label().labels());
    }

    /** Federation with partner nodes; empty when no partner is configured. */
    public Optional<Federation> federation() {
        return Optional.ofNullable(federation);
    }

    /** The web API; empty when {@code http.enabled} is false. */
    public Optional<WebApi> web() {
        return Optional.ofNullable(web);
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

    /** Stops the web API, federation, then the server, then commits what the history writer still holds, then closes the store. */
    @Override
    public void close() {
        postureWatch.shutdownNow();
        if (web != null) {
            web.close();
        }
        if (federation != null) {
            federation.close();
        }
        server.close();
        uids.close();
        if (history != null) {
            history.close();
        }
        try {
            trustAudit.close();
        } catch (IOException e) {
            // every record was forced to disk when it was written; closing loses nothing
        }
        try {
            release.close();
        } catch (IOException e) {
            // the audit log forces every record when it is written; closing loses nothing
        }
    }
}
