package org.kizuna.server;

import java.util.List;
import java.util.Objects;
import org.kizuna.core.routing.RoutingConfig;
import org.kizuna.cot.CotLimits;
import org.kizuna.server.stream.SessionContext.SessionLimits;

/**
 * Everything the streaming server needs to know, checked once before anything starts.
 *
 * @param nodeId    this node's id (flow tags, logs)
 * @param tls       the TLS streaming listener (8089)
 * @param plain     the plain TCP streaming listener (8087), off by default
 * @param cotLimits frame size and XML structure limits
 * @param session   per-connection limits
 * @param forbiddenTypePrefixes CoT type prefixes dropped at ingest
 * @param maxPictureItems most items the latest picture holds; beyond it new items are still
 *                        routed live but not kept for clients that connect later
 */
public record ServerConfig(String nodeId, Listener tls, Listener plain, CotLimits cotLimits, SessionLimits session,
                           List<String> forbiddenTypePrefixes, int maxPictureItems) {

    private static final java.util.regex.Pattern NODE_ID = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,63}");

    /** Default {@link #maxPictureItems}: far above any real picture, low enough to bound memory. */
    public static final int DEFAULT_MAX_PICTURE_ITEMS = 200_000;

    public ServerConfig(String nodeId, Listener tls, Listener plain, CotLimits cotLimits, SessionLimits session,
                        List<String> forbiddenTypePrefixes) {
        this(nodeId, tls, plain, cotLimits, session, forbiddenTypePrefixes, DEFAULT_MAX_PICTURE_ITEMS);
    }

    public ServerConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        if (!NODE_ID.matcher(nodeId).matches()) {
            // It becomes an attribute name in <_flow-tags_>, so it must be an XML name.
            throw new IllegalArgumentException("node.id must start with a letter or '_' and contain only letters, "
                    + "digits, '.', '_' and '-' (at most 64): '" + nodeId + "'");
        }
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(cotLimits, "cotLimits");
        Objects.requireNonNull(session, "session");
        forbiddenTypePrefixes = List.copyOf(forbiddenTypePrefixes);
        if (maxPictureItems <= 0) {
            throw new IllegalArgumentException("routing.maxPictureItems must be > 0: " + maxPictureItems);
        }
        if (tls.enabled() && plain.enabled() && tls.port() == plain.port() && tls.port() != 0
                && tls.bindAddress().equals(plain.bindAddress())) {
            throw new IllegalArgumentException("streaming.tls.port and streaming.plain.port must differ: " + tls.port());
        }
    }

    /** TAK defaults: TLS on 8089 on every interface, plain TCP off. */
    public static ServerConfig defaults(String nodeId) {
        return new ServerConfig(nodeId, new Listener(true, "0.0.0.0", 8089), new Listener(false, "0.0.0.0", 8087),
                CotLimits.DEFAULTS, SessionLimits.DEFAULTS, RoutingConfig.DEFAULT_FORBIDDEN);
    }

    public ServerConfig withTls(Listener value) {
        return new ServerConfig(nodeId, value, plain, cotLimits, session, forbiddenTypePrefixes, maxPictureItems);
    }

    public ServerConfig withPlain(Listener value) {
        return new ServerConfig(nodeId, tls, value, cotLimits, session, forbiddenTypePrefixes, maxPictureItems);
    }

    public ServerConfig withSession(SessionLimits value) {
        return new ServerConfig(nodeId, tls, plain, cotLimits, value, forbiddenTypePrefixes, maxPictureItems);
    }

    public ServerConfig withCotLimits(CotLimits value) {
        return new ServerConfig(nodeId, tls, plain, value, session, forbiddenTypePrefixes, maxPictureItems);
    }

    /** One TCP listener. Port 0 picks a free port (tests). */
    public record Listener(boolean enabled, String bindAddress, int port) {
        public Listener {
            Objects.requireNonNull(bindAddress, "bindAddress");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }
}
