package org.kizuna.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks every request passes before its route is even looked up, in order: the {@code Host}
 * is one of {@link AllowedHosts} (else 421, for {@code /health} and {@code /metrics} too, and
 * whatever the source address: a rebinding browser on the node's own desk is loopback), the
 * request target is well-formed (else 400), and a browser's write or WebSocket upgrade comes from
 * a page of one of those hosts (else 403).
 */
final class RequestGate {

    /** What the parsed target of a request holds: its path (still percent-encoded) and decoded query. */
    record Target(String rawPath, Map<String, List<String>> query) {
    }

    private final AllowedHosts hosts;

    RequestGate(AllowedHosts hosts) {
        this.hosts = hosts;
    }

    /** Refuses a request for a name the node does not answer to, or without a {@code Host}. */
    void checkHost(String hostHeader) {
        if (!hosts.allowsHost(hostHeader)) {
            throw new Problem(HttpResponseStatus.MISDIRECTED_REQUEST, "misdirected-host", "Misdirected request",
                    "this server does not answer to that host name", null);
        }
    }

    /**
     * Parses {@code uri} (origin form only: a path, then an optional query) and checks that every
     * percent-escape in it decodes, so that no handler meets a malformed escape later.
     */
    static Target target(String uri) {
        if (!uri.startsWith("/")) {
            throw malformedTarget("the request target must be a path");
        }
        QueryStringDecoder decoder = new QueryStringDecoder(uri);
        try {
            for (String segment : decoder.rawPath().split("/", -1)) {
                QueryStringDecoder.decodeComponent(segment);
            }
            return new Target(decoder.rawPath(), decoder.parameters());
        } catch (IllegalArgumentException e) {
            throw malformedTarget("bad percent-encoding in the request target");
        }
    }

    static Problem malformedTarget(String detail) {
        return new Problem(HttpResponseStatus.BAD_REQUEST, "malformed-request", "Malformed request target", detail, null);
    }

    /**
     * Refuses a request whose {@code Origin} (a browser sends one on every write and WebSocket
     * upgrade) is not a page of this node. No {@code Origin} is not a browser's cross-site request.
     */
    void checkOrigin(Request request) {
        Optional<String> origin = request.header(HttpHeaderNames.ORIGIN);
        if (origin.isPresent()
                && !hosts.allowsOrigin(origin.get(), request.secure(), request.header(HttpHeaderNames.HOST).orElse(null))) {
            throw Problem.forbidden("cross-origin");
        }
    }

    /** {@code text} fit for one log line: at most 120 characters, control and non-ASCII escaped. */
    static String loggable(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), 130) + 2).append('\'');
        for (int i = 0; i < text.length() && i < 120; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '\'' || c == '\\') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(text.length() > 120 ? "'..." : "'").toString();
    }
}
