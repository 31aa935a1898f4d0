package org.kizuna.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kizuna.core.identity.BindingJournal;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupDirectory;
import org.kizuna.core.identity.IdentitySettings;
import org.kizuna.core.identity.UidBindings;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.core.routing.LatestState;
import org.kizuna.core.routing.ReleaseDecision;
import org.kizuna.core.routing.Router;
import org.kizuna.core.routing.RoutingConfig;
import org.kizuna.core.routing.Subscribers;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.server.channels.Channels;
import org.kizuna.server.stream.ConnectionLimit;
import org.kizuna.server.stream.SessionContext;
import org.kizuna.server.stream.StreamingChannelInitializer;
import org.kizuna.server.tls.Revocations;
import org.kizuna.server.tls.ServerTls;
import org.kizuna.server.tls.TlsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming server of one node: the TLS listener (and the plain one when enabled), sessions,
 * routing and the latest picture. The module's entry point.
 *
 * <pre>{@code
 * KizunaServer server = new KizunaServer(ServerConfig.defaults("jpn-1"), TlsFiles.inPkiDir(pki),
 *         groups, ReleaseDecision.PERMIT_ALL, HistorySink.NONE, new SimpleMeterRegistry(), Clock.systemUTC());
 * server.start();
 * ...
 * server.close();
 * }</pre>
 *
 * <p>Shutdown order: stop accepting, close every client, stop the event loops, stop housekeeping.
 */
public final class KizunaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KizunaServer.class);
    private static final long REVOCATION_POLL_MILLIS = 500;

    private final ServerConfig config;
    private final TlsFiles tlsFiles;
    private final Subscribers sessions = new Subscribers();
    private final LatestState latest;
    private final ServerMetrics metrics;
    private final SessionContext sessionContext;
    /** TAK connections (handshakes included) and browsers' live feeds, against {@code session.maxClients}. */
    private final ConnectionLimit connections;
    /** The node CA's revocation list, shared by every listener (and federation). */
    private final Revocations revocations;
    private final Map<String, Channel> listeners = new LinkedHashMap<>();
    private final List<java.util.function.Consumer<org.kizuna.policy.posture.PostureState>> postureListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private Class<? extends ServerSocketChannel> channelType;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private ScheduledExecutorService housekeeping;

    /** A server whose uid bindings live in memory and which has no federation partners (tests, benchmarks). */
    public KizunaServer(ServerConfig config, TlsFiles tlsFiles, GroupDirectory groups, ReleaseDecision release,
                        HistorySink history, io.micrometer.core.instrument.MeterRegistry meters, Clock clock) {
        this(config, tlsFiles, groups, release, history, meters, clock,
                new UidBindings(IdentitySettings.DEFAULTS, clock, BindingJournal.NONE), List.of());
    }

    /**
     * @param bindings     who owns each uid published on this node (the node keeps them across restarts)
     * @param partnerNodes federation partners' node ids, whose {@code NODE:} uid prefixes no client may use
     */
    public KizunaServer(ServerConfig config, TlsFiles tlsFiles, GroupDirectory groups, ReleaseDecision release,
                        HistorySink history, io.micrometer.core.instrument.MeterRegistry meters, Clock clock,
                        UidBindings bindings, List<String> partnerNodes) {
        this.config = config;
        this.tlsFiles = tlsFiles;
        this.metrics = new ServerMetrics(meters);
        this.latest = new LatestState(config.maxPictureItems());
        TakProtoCodec protoCodec = new TakProtoCodec(config.cotLimits());
        Router router = new Router(new RoutingConfig(config.nodeId(), config.forbiddenTypePrefixes(), partnerNodes),
                sessions, latest, release, history, protoCodec, metrics, clock, bindings);
        this.sessionContext = new SessionContext(router, sessions, groups, new CotXmlReader(config.cotLimits()),
                protoCodec, config.cotLimits(), config.session(), metrics,
                new Channels(sessions, router, protoCodec, clock), clock);
        this.connections = new ConnectionLimit(config.session().maxClients());
        this.revocations = Revocations.watching(tlsFiles, metrics);
        meters.gauge("kizuna.sessions", sessions, Subscribers::size);
        meters.gauge("kizuna.connections", connections, ConnectionLimit::open);
        meters.gauge("kizuna.picture.items", latest, LatestState::size);
    }

    /** Binds the listeners; returns when they accept connections. */
    public synchronized void start() throws IOException, InterruptedException {
        if (bossGroup != null) {
            throw new IllegalStateException("already started");
        }
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("kizuna-accept"), io);
        workerGroup = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("kizuna-io"), io);
        housekeeping = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("kizuna-housekeeping", true));
        housekeeping.scheduleAtFixedRate(this::expirePicture, 1, 1, TimeUnit.SECONDS);
        // Twice a second: a revoked certificate's connections close within a second of `pki revoke`.
        housekeeping.scheduleWithFixedDelay(revocations::refresh, REVOCATION_POLL_MILLIS, REVOCATION_POLL_MILLIS,
                TimeUnit.MILLISECONDS);
        try {
            if (config.tls().enabled()) {
                SslContext ssl = ServerTls.serverContext(tlsFiles, revocations);
                bind("tls", config.tls(), new StreamingChannelInitializer(sessionContext, ssl, revocations, connections));
            }
            if (config.plain().enabled()) {
                bind("plain", config.plain(), new StreamingChannelInitializer(sessionContext, null, revocations, connections));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        log.info("node {} streaming ({})", config.nodeId(), epoll ? "epoll" : "nio");
    }

    /**
     * Binds one more listener on the server's own event loops (the HTTP API uses this: one network
     * stack, one set of threads). Call after {@link #start()}; it is closed with the server.
     */
    public synchronized void listen(String name, ServerConfig.Listener listener,
                                    ChannelInitializer<SocketChannel> initializer) throws IOException, InterruptedException {
        if (bossGroup == null) {
            throw new IllegalStateException("start the server first");
        }
        if (listeners.containsKey(name)) {
            throw new IllegalArgumentException("listener already bound: " + name);
        }
        bind(name, listener, initializer);
    }

    private void bind(String name, ServerConfig.Listener listener, ChannelInitializer<SocketChannel> initializer)
            throws IOException, InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(initializer);
        var future = bootstrap.bind(listener.bindAddress(), listener.port()).await();
        if (!future.isSuccess()) {
            throw new IOException("cannot listen for " + name + " on " + listener.bindAddress() + ":"
                    + listener.port() + ": " + future.cause().getMessage(), future.cause());
        }
        listeners.put(name, future.channel());
        log.info("{} listening on {}", name, future.channel().localAddress());
    }

    private void expirePicture() {
        try {
            sessionContext.router().expire();
        } catch (RuntimeException e) {
            log.error("picture expiry failed", e);
        }
    }

    /** The port a listener is bound to ({@code "tls"}, {@code "plain"}, {@code "http"}), useful with port 0. */
    public synchronized int port(String listener) {
        Channel channel = listeners.get(listener);
        if (channel == null) {
            throw new IllegalArgumentException("listener not running: " + listener);
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** True when every listener bound so far is open (readiness). */
    public synchronized boolean listening() {
        return !listeners.isEmpty() && listeners.values().stream().allMatch(Channel::isActive);
    }

    /** Where clients' groups come from (certificate callers of the web API use it too). */
    public GroupDirectory groupDirectory() {
        return sessionContext.groups();
    }

    /** Each client identity's active groups (TAK channels), which its sessions are routed by. */
    public Channels channels() {
        return sessionContext.channels();
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * The router, for inputs other than the streaming port: the web API's chat and live feed, and
     * federation, which injects partners' events and listens to what it broadcasts.
     */
    public Router router() {
        return sessionContext.router();
    }

    /**
     * Seeds the picture with an item stored before a restart, so clients that connect receive it
     * until it goes stale. Normally called before {@link #start()}; safe at any time.
     */
    public void restorePicture(CotEvent event, Set<Group> writeGroups) {
        sessionContext.router().restore(event, writeGroups);
    }

    /**
     * Re-evaluates what connected clients hold after the posture changed from {@code earlier}:
     * retracts what they may no longer hold, sends what they now may. Returns the retractions, for
     * the audit log.
     */
    public List<Router.Retraction> postureChanged(org.kizuna.policy.posture.PostureState earlier) {
        List<Router.Retraction> retractions = sessionContext.router().reevaluate(earlier);
        sessionContext.router().release().posture().ifPresent(now -> postureListeners.forEach(l -> l.accept(now)));
        return retractions;
    }

    /** {@code listener} hears the posture now in force after each change (the web live feed tells browsers). */
    public void onPostureChange(java.util.function.Consumer<org.kizuna.policy.posture.PostureState> listener) {
        postureListeners.add(listener);
    }

    /**
     * The node CA's revocation list: every listener's TLS trust and gate come from it (the web
     * API's and federation's too), and it closes revoked certificates' connections.
     */
    public Revocations revocations() {
        return revocations;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public Subscribers sessions() {
        return sessions;
    }

    /** The connection count every listener and the web live feed share. */
    public ConnectionLimit connections() {
        return connections;
    }

    public LatestState picture() {
        return latest;
    }

    @Override
    public synchronized void close() {
        for (Channel listener : listeners.values()) {
            listener.close().awaitUninterruptibly();
        }
        listeners.clear();
        for (org.kizuna.core.routing.Subscriber s : sessions.all()) {
            if (s instanceof org.kizuna.server.session.Session session) {
                session.channel().close();
            }
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        log.info("node {} stopped", config.nodeId());
    }
}
