package org.kizuna.server.http;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.kizuna.server.KizunaServer;
import org.kizuna.server.http.auth.AuthApi;
import org.kizuna.server.http.auth.WebSessions;
import org.kizuna.server.http.cop.BannerApi;
import org.kizuna.server.http.cop.ChatApi;
import org.kizuna.server.http.cop.HistoryApi;
import org.kizuna.server.http.cop.LiveFeed;
import org.kizuna.server.http.cop.PictureApi;
import org.kizuna.server.http.enroll.EnrollmentApi;
import org.kizuna.server.http.enroll.EnrollmentQrApi;
import org.kizuna.server.http.enroll.EnrollmentTokens;
import org.kizuna.server.http.marti.ChannelsApi;
import org.kizuna.server.http.marti.MartiApi;
import org.kizuna.server.http.posture.PostureAdmin;
import org.kizuna.server.http.posture.PostureApi;
import org.kizuna.server.tls.ServerTls;
import org.kizuna.server.tls.TlsFiles;
import org.kizuna.store.HistoryStore;
import org.kizuna.store.account.AccountStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP API, the module's web entry point: builds every route, listens on the streaming
 * server's own event loops, and runs handlers on a small bounded pool of worker threads.
 *
 * <pre>{@code
 * WebApi web = new WebApi(HttpSettings.DEFAULTS, server, new WebApi.Backends(accounts, history, prometheus::scrape,
 *         List.of(new HealthCheck("store", store::isReachable))), Clock.systemUTC());
 * web.start(TlsFiles.inPkiDir(pki));
 * }</pre>
 */
public final class WebApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebApi.class);
    /** Requests waiting for a worker; beyond it callers get 503 at once instead of a pile-up. */
    private static final int WORK_QUEUE = 512;
    /** How often sessions are checked against the accounts in the database. */
    static final java.time.Duration ACCOUNT_CHECK = java.time.Duration.ofSeconds(2);
    /** How often sessions are checked for their idle timeout and lifetime, to close their feeds. */
    static final java.time.Duration EXPIRY_CHECK = java.time.Duration.ofMillis(500);

    /**
     * What the API reads besides the server.
     *
     * @param accounts   browser accounts; null when the node runs without a store (nobody can log in)
     * @param history    the history store; null without one (history endpoints answer 503)
     * @param prometheus the Prometheus text of the node's meters
     * @param checks     readiness checks besides "listeners"
     * @param posture    posture steps for admins; null when the node has no postures (labels off)
     */
    public record Backends(AccountStore accounts, HistoryStore history, Supplier<String> prometheus,
                           List<HealthCheck> checks, PostureAdmin posture) {
        public Backends {
            checks = List.copyOf(checks);
        }

        public Backends(AccountStore accounts, HistoryStore history, Supplier<String> prometheus,
                        List<HealthCheck> checks) {
            this(accounts, history, prometheus, checks, null);
        }
    }

    private final HttpSettings settings;
    private final KizunaServer server;
    private final ExecutorService workers;
    private final Dispatcher dispatcher;
    private final LiveFeed live;
    private final AuthApi auth;
    private final EnrollmentQrApi enrollmentQr;
    private final ScheduledExecutorService accountWatch;

    public WebApi(HttpSettings settings, KizunaServer server, Backends backends, Clock clock) {
        this.settings = settings;
        this.server = server;
        this.workers = workers(settings.workers());
        String nodeId = server.config().nodeId();
        WebSessions sessions = new WebSessions(settings.sessionTimeout(), settings.sessionMaxLifetime(), clock);
        AuthApi auth = new AuthApi(backends.accounts(), sessions, server.groupDirectory(), settings, nodeId, clock,
                server.router().release());
        Routes routes = new Routes();
        List<HealthCheck> checks = new java.util.ArrayList<>(backends.checks());
        checks.add(0, new HealthCheck("listeners", server::listening));
        new NodeApi(checks, backends.prometheus()).register(routes);
        auth.register(routes);
        new PictureApi(server.router(), server.metrics()).register(routes);
        new BannerApi(server.router().release(), settings.classification()).register(routes);
        new HistoryApi(backends.history(), server.router(), server.metrics()).register(routes);
        new ChatApi(backends.history(), server.router(), server.metrics(), clock).register(routes);
        new MartiApi(server.sessions(), server.router(), nodeId, clock).register(routes);
        new ChannelsApi(server.channels(), nodeId, clock).register(routes);
        if (backends.posture() != null) {
            new PostureApi(backends.posture()).register(routes);
        }
        this.enrollmentQr = new EnrollmentQrApi(backends.accounts(), clock);
        enrollmentQr.register(routes);
        StaticAssets assets = new StaticAssets("web", WebApi.class.getClassLoader());
        routes.fallback((req, caller) -> assets.serve(req));
        this.dispatcher = new Dispatcher(routes, auth, server.metrics());
        this.live = new LiveFeed(auth, server.router(), server.sessions(), server.config().session(),
                server.connections(), server.metrics());
        server.onPostureChange(live::postureChanged);
        sessions.onEnded(live::signedOut); // logout, expiry, a changed account: the login's feeds end with it
        this.auth = auth;
        this.accountWatch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kizuna-web-accounts");
            t.setDaemon(true);
            return t;
        });
        accountWatch.scheduleWithFixedDelay(this::signOutChangedAccounts, ACCOUNT_CHECK.toMillis(),
                ACCOUNT_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        accountWatch.scheduleWithFixedDelay(() -> expire(sessions), EXPIRY_CHECK.toMillis(),
                EXPIRY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Listens on {@code settings.listener()}: HTTPS with {@code tlsFiles}, or plain HTTP when tls is off. */
    public void start(TlsFiles tlsFiles) throws IOException, InterruptedException {
        SslContext ssl = settings.tls() ? ServerTls.httpsContext(tlsFiles, server.revocations()) : null;
        AllowedHosts hosts = AllowedHosts.resolve(settings.hosts(),
                settings.tls() ? tlsFiles.certificateChainPem() : null);
        HttpStack stack = new HttpStack(settings, server.metrics(), workers, dispatcher, live);
        server.listen("http", settings.listener(), new HttpChannelInitializer(stack, ssl, server.revocations(), "https",
                hosts));
        log.info("web API on {}://{}:{} answering to {}", settings.tls() ? "https" : "http",
                settings.listener().bindAddress(), server.port("http"), new java.util.TreeSet<>(hosts.names()));
    }

    public int port() {
        return server.port("http");
    }

    /**
     * Opens the enrollment port ({@code settings.enrollment()}, 8446) beside this API: HTTPS with
     * the server certificate only, the same worker threads, host check, login delays and accounts,
     * and its own routes ({@link EnrollmentApi}). {@code tokens} may be null (passwords only).
     */
    public void startEnrollment(TlsFiles tlsFiles, EnrollmentTokens tokens, EnrollmentApi.Issuer issuer)
            throws IOException, InterruptedException {
        startEnrollment(tlsFiles, tokens, issuer, null);
    }

    /**
     * As above, and admins may then issue enrollment QR codes on the web page
     * ({@link EnrollmentQrApi}) advertising {@code qr}'s host, audited to {@code qr}'s trail.
     * {@code qr} may be null (the page answers 409, as without an enrollment port).
     */
    public void startEnrollment(TlsFiles tlsFiles, EnrollmentTokens tokens, EnrollmentApi.Issuer issuer, QrOffer qr)
            throws IOException, InterruptedException {
        Routes routes = new Routes();
        new EnrollmentApi(auth, tokens, issuer).register(routes);
        // every route signs in with HTTP Basic itself: no session, no certificate caller
        Dispatcher enrollment = new Dispatcher(routes, request -> java.util.Optional.empty(), server.metrics());
        HttpStack stack = new HttpStack(settings, server.metrics(), workers, enrollment, null);
        SslContext ssl = ServerTls.enrollmentContext(tlsFiles, server.revocations());
        AllowedHosts hosts = AllowedHosts.resolve(settings.hosts(), tlsFiles.certificateChainPem());
        server.listen("enrollment", settings.enrollment(), new HttpChannelInitializer(stack, ssl, server.revocations(),
                "enrollment", hosts));
        log.info("certificate enrollment on https://{}:{}", settings.enrollment().bindAddress(),
                server.port("enrollment"));
        if (qr != null && tokens != null) {
            try {
                enrollmentQr.offer(new EnrollmentQrApi.Offer(tokens, qr.host().apply(server.port("enrollment")),
                        qr.audit()));
            } catch (RuntimeException e) {
                // enrollment itself works; only the web page's QR has no host to advertise (409 says so)
                log.warn("no enrollment QR on the web page: {}", e.getMessage());
            }
        }
    }

    /**
     * The enrollment QR's host, from the port the enrollment listener got (the same as
     * {@code kizuna enroll-qr} prints), and where its tokens are audited.
     */
    public record QrOffer(java.util.function.IntFunction<String> host, EnrollmentQrApi.Audit audit) {
    }

    /** The enrollment port; fails when it is not open. */
    public int enrollmentPort() {
        return server.port("enrollment");
    }


    private static ExecutorService workers(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WORK_QUEUE), r -> {
                    Thread t = new Thread(r, "kizuna-http");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Accounts live in the database, which {@code kizuna user remove|passwd} may change while the
     * node runs (PostgreSQL; the embedded H2 file is one process's at a time): logins of a removed
     * or changed account end, and their live feeds close.
     */
    private void signOutChangedAccounts() {
        try {
            auth.sweep();
        } catch (RuntimeException e) {
            log.warn("cannot check web accounts: {}", e.getMessage()); // the store may be down; try again next time
        }
    }

    /** Ends the sessions that timed out unused: a feed alone does not keep its login alive. */
    private static void expire(WebSessions sessions) {
        try {
            sessions.expire().forEach(e -> log.info("session of '{}' ended: {}", e.login().account(), e.why().text()));
        } catch (RuntimeException e) {
            log.warn("cannot expire web sessions", e); // never let the schedule die on one failure
        }
    }

    /** Stops the workers; the listener closes with the server. */
    @Override
    public void close() {
        accountWatch.shutdownNow();
        workers.shutdownNow();
    }
}
