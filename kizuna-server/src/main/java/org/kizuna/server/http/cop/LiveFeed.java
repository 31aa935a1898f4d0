package org.kizuna.server.http.cop;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kizuna.core.routing.Router;
import org.kizuna.core.routing.Subscriber;
import org.kizuna.core.routing.Subscribers;
import org.kizuna.core.routing.WireFormat;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.server.ServerMetrics;
import org.kizuna.server.http.Caller;
import org.kizuna.server.http.CallerResolver;
import org.kizuna.server.http.PostureView;
import org.kizuna.server.http.Problem;
import org.kizuna.server.http.Request;
import org.kizuna.server.http.Response;
import org.kizuna.server.http.WebSocketEndpoint;
import org.kizuna.server.http.auth.WebSessions;
import org.kizuna.server.session.Session;
import org.kizuna.server.stream.ConnectionLimit;
import org.kizuna.server.stream.SessionContext.SessionLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/live}: the live picture over a WebSocket. The connection becomes a {@link Session}
 * in the router like any TAK client, with the user's groups and the JSON wire format: the same
 * routing code decides what it receives, each event is encoded to JSON once and shared by every
 * browser, and the session's coalescing queue keeps only the newest position of each uid for a
 * slow browser. It gets a {@code hello}, then the current picture, then live traffic.
 *
 * <p>Cross-site WebSocket hijacking is refused before the upgrade reaches here: the {@code Origin}
 * must be a page of one of the node's hosts. A browser login's feeds close when that login ends
 * (logout, expiry, account change) with close code 1008 "signed out".
 */
public final class LiveFeed implements WebSocketEndpoint {

    public static final String PATH = "/api/live";
    static final int MAX_INBOUND_FRAME = 4096;

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final CallerResolver callers;
    private final Router router;
    private final Subscribers sessions;
    private final SessionLimits limits;
    private final ConnectionLimit connections;
    private final ServerMetrics metrics;
    /** Open feeds of browser logins, by the login's CSRF token (unique per login), to close them at sign-out. */
    private final Map<Session, String> logins = new ConcurrentHashMap<>();

    /** {@code connections}: shared with the streaming listeners, so browsers count against {@code session.maxClients}. */
    public LiveFeed(CallerResolver callers, Router router, Subscribers sessions, SessionLimits limits,
                    ConnectionLimit connections, ServerMetrics metrics) {
        this.callers = callers;
        this.router = router;
        this.sessions = sessions;
        this.limits = limits;
        this.connections = connections;
        this.metrics = metrics;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Response open(ChannelHandlerContext ctx, FullHttpRequest raw, Request request) {
        Optional<Caller> resolved = callers.resolve(request);
        if (resolved.isEmpty()) {
            metrics.httpRefused("unauthorized");
            log.info("live feed from {} refused: unauthorized", request.remoteAddress());
            return Response.problem(Problem.unauthorized());
        }
        Caller caller = resolved.get();
        String scheme = request.secure() ? "wss://" : "ws://";
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                scheme + request.header("Host").orElse("localhost") + PATH, null, false, MAX_INBOUND_FRAME).newHandshaker(raw);
        if (handshaker == null) {
            metrics.httpRefused("websocket-version");
            return Response.problem(new Problem(HttpResponseStatus.UPGRADE_REQUIRED, "websocket-version",
                    "Unsupported WebSocket version", "use WebSocket version 13", null));
        }
        if (!connections.tryOpen()) {
            metrics.httpRefused("max-clients");
            log.info("live feed from {} refused: max-clients", request.remoteAddress());
            return Response.problem(new Problem(HttpResponseStatus.SERVICE_UNAVAILABLE, "max-clients", "Busy",
                    "too many connections; try again later", null));
        }
        ctx.channel().closeFuture().addListener(closed -> connections.closed());
        ChannelPipeline p = ctx.pipeline();
        HttpHeaders extra = new DefaultHttpHeaders();
        if (request.secure()) {
            extra.set(Response.HSTS_HEADER, Response.HSTS);
        }
        handshaker.handshake(ctx.channel(), raw, extra, ctx.channel().newPromise()).addListener(done -> {
            if (done.isSuccess()) {
                attach(p, caller, handshaker, request);
            } else {
                metrics.httpRefused("websocket-handshake");
                ctx.close();
            }
        });
        return null;
    }

    /** After the handshake: the HTTP handlers leave, the session joins the router. */
    private void attach(ChannelPipeline p, Caller caller, WebSocketServerHandshaker handshaker, Request request) {
        p.remove("request");
        p.remove("idle"); // a quiet picture is not a dead browser; TCP keepalive and close frames end it
        // The picture on connect gets room of its own above the queue (Router.sendPicture), as for a TAK client.
        Session session = new Session(sessions.nextId(), router.release().recipient(caller.identity(), caller.groups()),
                p.channel(),
                limits.outboundQueue(), limits.unwritableTimeout(), metrics);
        session.switchTo(WireFormat.JSON);
        // Direct chat from TAK clients reaches the browser by this uid, as it reaches a TAK client by its own.
        session.learnSelf(caller.uid(), caller.callsign(), CallerSession.WEB_USER_TYPE);
        p.addLast("ws-text", new BatchedTextFrames());
        p.addLast("ws-session", new LiveSocketHandler(session, router, sessions, handshaker, metrics));
        sessions.add(session);
        if (caller.isBrowser()) {
            logins.put(session, caller.csrf());
            p.channel().closeFuture().addListener(f -> logins.remove(session));
            // A login that ended during the handshake told nobody about this feed: ask again now it is listed.
            if (!callers.resolve(request).map(c -> caller.csrf().equals(c.csrf())).orElse(false)) {
                end(session, "the login ended while the feed opened");
                return;
            }
        }
        session.writeNow(hello(caller).getBytes(StandardCharsets.UTF_8));
        router.connected(session);
        log.info("live feed {} opened for {} groups {}", session.id(), caller.name(), caller.groups().out());
    }

    private String hello(Caller caller) {
        var node = Response.JSON.createObjectNode();
        node.put("op", "hello");
        node.put("user", caller.name());
        node.put("uid", caller.uid());
        node.put("role", caller.role().wireName());
        router.release().posture().ifPresent(p -> node.set("posture", Response.JSON.valueToTree(PostureView.of(p))));
        return node.toString();
    }

    /**
     * Closes the live feeds of {@code ended} logins, and only theirs: a close frame tells the page
     * why, then the connection ends. Safe from any thread.
     */
    public void signedOut(List<WebSessions.Ended> ended) {
        if (ended.isEmpty()) {
            return;
        }
        Map<String, WebSessions.Ended> byCsrf = new HashMap<>();
        ended.forEach(e -> byCsrf.put(e.login().csrf(), e));
        logins.forEach((session, csrf) -> {
            WebSessions.Ended e = byCsrf.get(csrf);
            if (e != null) {
                end(session, e.why().text());
            }
        });
    }

    /** On the feed's event loop: the close frame goes out before anything queued after it, then the connection ends. */
    private static void end(Session session, String why) {
        session.channel().eventLoop().execute(() -> {
            session.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "signed out"));
            session.disconnect("signed-out", why);
        });
    }

    /**
     * Tells every open browser the posture now in force ({@code {"op":"posture","posture":{...}}}),
     * after the router has re-evaluated what each may hold, so banners follow without a reload.
     */
    public void postureChanged(PostureState now) {
        var node = Response.JSON.createObjectNode();
        node.put("op", "posture");
        node.set("posture", Response.JSON.valueToTree(PostureView.of(now)));
        byte[] message = node.toString().getBytes(StandardCharsets.UTF_8);
        for (Subscriber sub : sessions.all()) {
            if (sub instanceof Session s && s.wireFormat() == WireFormat.JSON) {
                s.channel().eventLoop().execute(() -> s.writeNow(message));
            }
        }
    }

}
