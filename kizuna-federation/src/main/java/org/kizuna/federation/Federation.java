package org.kizuna.federation;

import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.kizuna.core.federation.InboundLabelling;
import org.kizuna.core.federation.PartnerLinks;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.core.routing.RouteListener;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.federation.link.Dialer;
import org.kizuna.federation.link.InboundEvents;
import org.kizuna.federation.link.Link;
import org.kizuna.federation.link.LinkState;
import org.kizuna.federation.link.Routed;
import org.kizuna.federation.tls.FederationTls;
import org.kizuna.federation.tls.PartnerCertificates;
import org.kizuna.federation.wire.FederationLinkGrpc;
import org.kizuna.server.tls.RevocationList;
import org.kizuna.server.tls.TlsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The federation of one node: the 9001 listener, one {@link Link} per partner, and the two seams
 * to the router (it listens to what the router broadcasts and injects what partners send).
 * The module's entry point.
 *
 * <pre>{@code
 * KizunaServer server = ...;
 * Federation federation = new Federation(config, TlsFiles.inPkiDir(pki), LocalNode.of(server, clock),
 *         PartnerRelease.PERMIT_ALL, InboundLabelling.ACCEPT_ALL, CotLimits.DEFAULTS, meters, Clock.systemUTC());
 * server.router().listen(federation);
 * federation.start();
 * }</pre>
 *
 * <p>Shutdown order: stop accepting, close every link (each tells its partner), close the channels.
 */
public final class Federation implements RouteListener, PartnerLinks, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Federation.class);

    private final FederationConfig config;
    private final FederationTls tls;
    private final FederationMetrics metrics;
    private final TakProtoCodec codec;
    private final Map<String, Link> links = new LinkedHashMap<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    /** The channel each dialing link dials through, to drop its connection when the partner goes. */
    private final Map<String, ManagedChannel> dialChannels = new LinkedHashMap<>();
    /** Partners removed while the node runs: their links stay in {@link #links}, closed, and are skipped. */
    private final Set<String> removed = ConcurrentHashMap.newKeySet();
    private Server server;

    public Federation(FederationConfig config, TlsFiles node, LocalNode local, PartnerRelease release,
                      InboundLabelling labelling, CotLimits limits, io.micrometer.core.instrument.MeterRegistry meters,
                      Clock clock) throws IOException {
        this.config = config;
        this.metrics = new FederationMetrics(meters);
        this.codec = new TakProtoCodec(limits);
        local.revocations().load(); // the server loads it when it starts; federation may be built first
        this.tls = new FederationTls(node, new PartnerCertificates(config.partners(), metrics, local.revocations()));
        InboundEvents.Factory inbound = InboundEvents.factory(config.nodeId(), codec, labelling, local.ingest(), metrics,
                clock);
        Supplier<List<Routed>> picture = () -> local.picture().get().stream()
                .filter(e -> !e.isForeign())
                .map(e -> new Routed(e.routed(), codec))
                .toList();
        try {
            for (Partner p : config.partners()) {
                Dialer dialer = p.dials() ? dialerFor(p) : null;
                links.put(p.nodeId(), new Link(config.nodeId(), config.nation(), p, config.link(), config.storage(),
                        metrics, release, dialer, inbound, picture, clock));
            }
        } catch (IOException | RuntimeException e) {
            close(); // the journals already opened are locked until their links close
            throw e;
        }
        local.revocations().onChange(this::cutRevoked);
        for (Link link : links.values()) {
            meters.gauge("kizuna.federation.backlog", List.of(io.micrometer.core.instrument.Tag.of("partner",
                    link.partner().nodeId())), link, Link::backlog);
        }
    }

    private Dialer dialerFor(Partner p) throws IOException {
        ManagedChannel channel = NettyChannelBuilder.forAddress(p.dial().host(), p.dial().port())
                .sslContext(tls.client(p))
                .maxInboundMessageSize(maxMessageBytes())
                .build();
        channels.add(channel);
        dialChannels.put(p.nodeId(), channel);
        FederationLinkGrpc.FederationLinkStub stub = FederationLinkGrpc.newStub(
                ClientInterceptors.intercept(channel, new DialedPartnerCheck(tls.partners(), p)));
        return stub::exchange;
    }

    /** gRPC's default; a TAK message is bounded far below it by {@code CotLimits}. */
    private static int maxMessageBytes() {
        return 4 << 20;
    }

    /** Binds the listener (when enabled) and starts every link; dialing links dial at once. */
    public synchronized void start() throws IOException {
        if (config.listener().enabled()) {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(config.listener().bindAddress(),
                            config.listener().port()))
                    .sslContext(tls.server())
                    .maxInboundMessageSize(maxMessageBytes())
                    .permitKeepAliveWithoutCalls(true)
                    .addService(ServerInterceptors.intercept(new FederationService(links),
                            FederationService.identifyPartner(tls.partners(), metrics)))
                    .build()
                    .start();
            log.info("federation listening on {} for {} partner(s)", server.getListenSockets(), links.size());
        }
        links.values().forEach(Link::start);
    }

    /** The port partners dial (useful with port 0). */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("the federation listener is not running");
        }
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    /** The router broadcast an event: offer it to every link (each applies its own rules). */
    @Override
    public void routed(RoutedEvent event) {
        Routed routed = new Routed(event, codec);
        for (Link link : links.values()) {
            if (removed.contains(link.partner().nodeId())) {
                continue;
            }
            try {
                link.offer(routed);
            } catch (RuntimeException e) {
                // A failing guard or codec must not break the router's thread or the other links.
                metrics.outboundDropped(link.partner().nodeId(), "error");
                log.error("cannot offer {} to partner {}", event, link.partner(), e);
            }
        }
    }

    /**
     * Offers one of our items to {@code partnerNodeId} alone, through the same checks as routed
     * traffic (groups, release guard): a posture that loosened re-offers what it now releases.
     */
    @Override
    public void offer(String partnerNodeId, RoutedEvent routed) {
        Link link = links.get(partnerNodeId);
        if (link == null) {
            throw new IllegalArgumentException("no partner " + partnerNodeId);
        }
        if (!removed.contains(partnerNodeId)) {
            link.offer(new Routed(routed, codec));
        }
    }

    /** The configured partners, but those removed while the node runs. */
    @Override
    public List<Partner> partners() {
        return config.partners().stream().filter(p -> !removed.contains(p.nodeId())).toList();
    }

    /**
     * Removes partner {@code nodeId} while the node runs ({@code kizuna federate remove}): its
     * certificate is refused from now on (handshakes and calls on connections still open), its
     * link is closed for good (the partner is told why) and its dialing connection dropped.
     * Blocks until the link stopped, at most a few seconds. Returns false when there is no such
     * partner or it was removed already.
     */
    public boolean removePartner(String nodeId, String why) {
        Link link = links.get(nodeId);
        if (link == null || !tls.partners().remove(nodeId)) {
            return false;
        }
        removed.add(nodeId);
        log.warn("federation partner {} removed: {}", link.partner(), why);
        link.remove(why);
        ManagedChannel channel;
        synchronized (this) {
            channel = dialChannels.get(nodeId);
        }
        if (channel != null) {
            channel.shutdownNow();
        }
        return true;
    }

    /** Whether {@code nodeId} was removed while the node runs. */
    public boolean isRemoved(String nodeId) {
        return removed.contains(nodeId);
    }

    /**
     * A new revocation list is in force: the link of each partner whose last certificate it now
     * lists is cut, and a dialing link's connection dropped, so its next stream needs a new
     * handshake (which the list refuses).
     */
    private void cutRevoked(RevocationList list) {
        for (Link link : links.values()) {
            String id = link.partner().nodeId();
            X509Certificate seen = tls.partners().lastSeen(id);
            if (removed.contains(id) || seen == null || list.find(seen).isEmpty()) {
                continue;
            }
            link.cut("the certificate of partner " + id + " was revoked");
            ManagedChannel channel;
            synchronized (this) {
                channel = dialChannels.get(id);
            }
            if (channel != null) {
                channel.enterIdle();
            }
        }
    }

    /** Asks {@code partnerNodeId} to remove one of our items (a posture tightened). */
    @Override
    public void retract(String partnerNodeId, String uid, String reason) {
        Link link = links.get(partnerNodeId);
        if (link == null) {
            throw new IllegalArgumentException("no partner " + partnerNodeId);
        }
        if (!removed.contains(partnerNodeId)) {
            link.retract(uid, reason);
        }
    }

    public LinkState state(String partnerNodeId) {
        Link link = links.get(partnerNodeId);
        return link == null ? null : link.state();
    }

    /** {@link System#nanoTime()} of the moment the link to {@code partnerNodeId} last became active; 0 before it ever did. */
    public long activeSinceNanos(String partnerNodeId) {
        return links.get(partnerNodeId).activeSinceNanos();
    }

    public int backlog(String partnerNodeId) {
        return links.get(partnerNodeId).backlog();
    }

    public FederationMetrics metrics() {
        return metrics;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
        }
        links.values().forEach(Link::close);
        for (ManagedChannel channel : channels) {
            channel.shutdownNow();
        }
        try {
            for (ManagedChannel channel : channels) {
                channel.awaitTermination(2, TimeUnit.SECONDS);
            }
            if (server != null && !server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("federation of node {} stopped", config.nodeId());
    }
}
