package org.kizuna.server.testing;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.kizuna.core.identity.GroupDirectory;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.core.routing.ReleaseDecision;
import org.kizuna.server.KizunaServer;
import org.kizuna.server.ServerConfig.Listener;
import org.kizuna.server.ServerConfig;
import org.kizuna.server.http.HealthCheck;
import org.kizuna.server.http.HttpSettings;
import org.kizuna.server.http.WebApi;
import org.kizuna.store.HistoryStore;
import org.kizuna.store.account.AccountStore;

/**
 * A real node for web tests: TLS streaming and HTTPS on loopback ports chosen by the OS, a fresh
 * PKI, the given accounts and (optionally) history store.
 */
public final class RunningWeb implements AutoCloseable {

    private final TestPki pki;
    private final KizunaServer server;
    private final WebApi web;
    private final boolean tls;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public RunningWeb(Path dir, Map<String, GroupMembership> certificateGroups, AccountStore accounts,
                      HistoryStore history, HistorySink sink, HttpSettings settings) throws Exception {
        this(dir, certificateGroups, accounts, history, sink, settings, List.of(new HealthCheck("store", () -> true)));
    }

    public RunningWeb(Path dir, Map<String, GroupMembership> certificateGroups, AccountStore accounts,
                      HistoryStore history, HistorySink sink, HttpSettings settings, List<HealthCheck> checks)
            throws Exception {
        this(dir, certificateGroups, accounts, history, sink, settings, checks, Clock.systemUTC());
    }

    /** With the web API's own {@code webClock} (sessions, login delays), for tests that move time. */
    public RunningWeb(Path dir, Map<String, GroupMembership> certificateGroups, AccountStore accounts,
                      HttpSettings settings, Clock webClock) throws Exception {
        this(dir, certificateGroups, accounts, null, HistorySink.NONE, settings,
                List.of(new HealthCheck("store", () -> true)), webClock);
    }

    private RunningWeb(Path dir, Map<String, GroupMembership> certificateGroups, AccountStore accounts,
                       HistoryStore history, HistorySink sink, HttpSettings settings, List<HealthCheck> checks,
                       Clock webClock) throws Exception {
        this.pki = new TestPki(dir);
        this.tls = settings.tls();
        ServerConfig config = ServerConfig.defaults("test-node")
                .withTls(new Listener(true, "127.0.0.1", 0))
                .withSession(RunningServer.TEST_LIMITS);
        this.server = new KizunaServer(config, pki.serverFiles(),
                GroupDirectory.of(certificateGroups, GroupMembership.ANONYMOUS), ReleaseDecision.PERMIT_ALL, sink,
                meters, Clock.systemUTC());
        server.start();
        this.web = new WebApi(settings.withListener(new Listener(true, "127.0.0.1", 0), settings.tls()), server,
                new WebApi.Backends(accounts, history, meters::scrape, checks),
                webClock);
        web.start(pki.serverFiles());
    }

    public RunningWeb(Path dir, Map<String, GroupMembership> certificateGroups, AccountStore accounts) throws Exception {
        this(dir, certificateGroups, accounts, null, HistorySink.NONE, HttpSettings.DEFAULTS);
    }

    public KizunaServer server() {
        return server;
    }

    public TestPki pki() {
        return pki;
    }

    public String base() {
        return "https://127.0.0.1:" + web.port();
    }

    public String origin() {
        return base();
    }

    /** A client for hand-written requests to the web port, over TLS when the node uses it. */
    public RawHttp raw() {
        return new RawHttp(tls ? pki.trustOnlyContext() : null, web.port());
    }

    public int webPort() {
        return web.port();
    }

    public TestClient connect(String name) throws Exception {
        return TestClient.tls(pki.clientContext(pki.client(name)), server.port("tls"));
    }

    public double count(String name, String reason) {
        return server.metrics().count(name, reason);
    }

    @Override
    public void close() {
        web.close();
        server.close();
    }
}
