package org.kizuna.federation.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.kizuna.core.federation.InboundLabelling;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.core.identity.GroupDirectory;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.core.routing.ReleaseDecision;
import org.kizuna.cot.CotLimits;
import org.kizuna.federation.Federation;
import org.kizuna.federation.FederationConfig;
import org.kizuna.federation.LinkSettings;
import org.kizuna.federation.LinkStorage;
import org.kizuna.federation.LocalNode;
import org.kizuna.federation.Partner;
import org.kizuna.server.KizunaServer;
import org.kizuna.server.ServerConfig.Listener;
import org.kizuna.server.ServerConfig;
import org.kizuna.server.stream.SessionContext.SessionLimits;
import org.kizuna.server.testing.TestClient;
import org.kizuna.server.testing.TestPki;
import org.kizuna.server.tls.TlsFiles;

/**
 * One in-process node for federation tests: its own PKI, a streaming server and a federation
 * listener on loopback ports chosen by the OS. Every client is in the anonymous group, and so is
 * every partner's traffic.
 */
public final class FederatedNode implements AutoCloseable {

    /** Quick redials so that cut tests finish fast; nothing depends on the exact delays. */
    public static final LinkSettings TEST_LINK = LinkSettings.DEFAULTS
            .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));

    /** Room for bursts from a partner: a test client reads as fast as it can, but not in lockstep. */
    private static final SessionLimits LIMITS = new SessionLimits(8192, Duration.ofSeconds(5), Duration.ofSeconds(60),
            Duration.ofSeconds(5), 1000, 5);

    private final String nodeId;
    private final String nation;
    private final TestPki pki;
    private final KizunaServer server;
    /** The router's one listener forwards to it, so federation can be closed and started again (a restart). */
    private volatile Federation federation;

    public FederatedNode(Path parent, String nodeId, String nation) throws Exception {
        this.nodeId = nodeId;
        this.nation = nation;
        Path dir = Files.createDirectories(parent.resolve(nodeId));
        this.pki = new TestPki(dir);
        ServerConfig config = ServerConfig.defaults(nodeId)
                .withTls(new Listener(true, "127.0.0.1", 0))
                .withSession(LIMITS);
        this.server = new KizunaServer(config, pki.serverFiles(), GroupDirectory.of(Map.of(), GroupMembership.ANONYMOUS),
                ReleaseDecision.PERMIT_ALL, HistorySink.NONE, new SimpleMeterRegistry(), Clock.systemUTC());
        server.router().listen(routed -> {
            Federation f = federation;
            if (f != null) {
                f.routed(routed);
            }
        });
        server.start();
    }

    /** Starts federation with {@code partners}, everything released and admitted. */
    public Federation federate(List<Partner> partners) throws IOException {
        return federate(partners, TEST_LINK, PartnerRelease.PERMIT_ALL);
    }

    public Federation federate(List<Partner> partners, LinkSettings link, PartnerRelease release) throws IOException {
        return federate(partners, link, release, pki.serverFiles());
    }

    /** Federation presenting {@code identity} instead of the node's own certificate (refusal tests). */
    public Federation federate(List<Partner> partners, LinkSettings link, PartnerRelease release, TlsFiles identity)
            throws IOException {
        return federate(partners, link, release, InboundLabelling.ACCEPT_ALL, identity);
    }

    public Federation federate(List<Partner> partners, LinkSettings link, PartnerRelease release,
                               InboundLabelling labelling, TlsFiles identity) throws IOException {
        return federate(partners, link, release, labelling, identity, Clock.systemUTC());
    }

    /** With {@code clock} for the federation (inbound rate, retraction times). */
    public Federation federate(List<Partner> partners, LinkSettings link, PartnerRelease release,
                               InboundLabelling labelling, TlsFiles identity, Clock clock) throws IOException {
        return federate(new FederationConfig(nodeId, nation, new Listener(true, "127.0.0.1", 0), partners, link), release,
                labelling, identity, clock);
    }

    /** With link journals under {@code journals}: closing and federating again is a restart of the federation. */
    public Federation federate(List<Partner> partners, PartnerRelease release, Path journals) throws IOException {
        FederationConfig config = new FederationConfig(nodeId, nation, new Listener(true, "127.0.0.1", 0), partners,
                TEST_LINK).withStorage(LinkStorage.under(journals));
        return federate(config, release, InboundLabelling.ACCEPT_ALL, pki.serverFiles(), Clock.systemUTC());
    }

    private Federation federate(FederationConfig config, PartnerRelease release, InboundLabelling labelling,
                                TlsFiles identity, Clock clock) throws IOException {
        if (federation != null) {
            throw new IllegalStateException("federation of " + nodeId + " is running: close it first");
        }
        Federation started = new Federation(config, identity, LocalNode.of(server, Clock.systemUTC()), release, labelling,
                CotLimits.DEFAULTS, new SimpleMeterRegistry(), clock);
        started.start();
        federation = started;
        return started;
    }

    /** Stops federation (links, journals) and keeps the node's clients and picture: a restart follows. */
    public void closeFederation() {
        Federation f = federation;
        federation = null;
        if (f != null) {
            f.close();
        }
    }

    /** How a partner configures this node; {@code dial} null when the partner waits for us to dial. */
    public Partner asPartner(boolean dial) {
        return Partner.open(nodeId, nation, "test-node", pki.serverFiles().trustedCaPem(),
                dial ? new Partner.Address("127.0.0.1", federation.port()) : null);
    }

    public Partner asPartnerVia(int proxyPort) {
        return asPartner(false).withDial(new Partner.Address("127.0.0.1", proxyPort));
    }

    /**
     * Connects a client and returns once its session is registered on the server (the server sends
     * its protocol offer right after): live traffic routed from then on reaches it.
     */
    public TestClient connect(String name) throws IOException, InterruptedException {
        TestClient client = TestClient.tls(pki.clientContext(pki.client(name)), server.port("tls"));
        client.await(e -> e.type().value().equals("t-x-takp-v"));
        return client;
    }

    public String nodeId() {
        return nodeId;
    }

    public TestPki pki() {
        return pki;
    }

    public KizunaServer server() {
        return server;
    }

    public Federation federation() {
        return federation;
    }

    @Override
    public void close() {
        closeFederation();
        server.close();
    }

    /** Waits for a condition that other threads make true; fails after {@code TestClient.WAIT}. */
    public static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TestClient.WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(5); // polling a condition, not timing: the deadline only bounds a failure
        }
    }
}
