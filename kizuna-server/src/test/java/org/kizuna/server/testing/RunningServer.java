package org.kizuna.server.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.kizuna.core.identity.GroupDirectory;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.core.routing.ReleaseDecision;
import org.kizuna.pki.IssuedCertificate;
import org.kizuna.server.KizunaServer;
import org.kizuna.server.ServerConfig.Listener;
import org.kizuna.server.ServerConfig;
import org.kizuna.server.stream.SessionContext.SessionLimits;

/** A real server on loopback ports chosen by the OS, with a fresh PKI, for one test. */
public final class RunningServer implements AutoCloseable {

    /** Short handshake and unwritable limits so those tests finish quickly; idle has its own test. */
    public static final SessionLimits TEST_LIMITS = new SessionLimits(
            256, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(2), 1000, 5);

    private final TestPki pki;
    private final KizunaServer server;

    public RunningServer(Path dir, Map<String, GroupMembership> groups, boolean plainEnabled) throws Exception {
        this(dir, groups, plainEnabled, TEST_LIMITS);
    }

    public RunningServer(Path dir, Map<String, GroupMembership> groups, boolean plainEnabled, SessionLimits limits)
            throws Exception {
        this(dir, groups, plainEnabled, limits, HistorySink.NONE);
    }

    public RunningServer(Path dir, Map<String, GroupMembership> groups, boolean plainEnabled, SessionLimits limits,
                         HistorySink history) throws Exception {
        this.pki = new TestPki(dir);
        ServerConfig config = ServerConfig.defaults("test-node")
                .withTls(new Listener(true, "127.0.0.1", 0))
                .withPlain(new Listener(plainEnabled, "127.0.0.1", 0))
                .withSession(limits);
        this.server = new KizunaServer(config, pki.serverFiles(), GroupDirectory.of(groups, GroupMembership.ANONYMOUS),
                ReleaseDecision.PERMIT_ALL, history, new SimpleMeterRegistry(), Clock.systemUTC());
        server.start();
    }

    public KizunaServer server() {
        return server;
    }

    public TestPki pki() {
        return pki;
    }

    public int tlsPort() {
        return server.port("tls");
    }

    /**
     * Connects a TLS client with a fresh certificate named {@code name}. Returns after the TLS
     * handshake, not once the server registered the session: tests that need the session wait for
     * it (or for the server's protocol offer).
     */
    public TestClient connect(String name) throws IOException, InterruptedException {
        return TestClient.tls(pki.clientContext(pki.client(name)), tlsPort());
    }

    public TestClient connect(IssuedCertificate certificate) throws IOException {
        return TestClient.tls(pki.clientContext(certificate), tlsPort());
    }

    public SSLContext contextFor(IssuedCertificate certificate) {
        return pki.clientContext(certificate);
    }

    /** The value of {@code kizuna.<name>{reason}}. */
    public double count(String name, String reason) {
        return server.metrics().count(name, reason);
    }

    @Override
    public void close() {
        server.close();
    }
}
