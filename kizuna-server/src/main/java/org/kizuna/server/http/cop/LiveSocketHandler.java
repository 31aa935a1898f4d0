package org.kizuna.server.http.cop;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import org.kizuna.core.routing.Router;
import org.kizuna.core.routing.Subscribers;
import org.kizuna.server.ServerMetrics;
import org.kizuna.server.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser side of a live feed: the feed is one-way, so text from the browser is ignored;
 * pings are answered, a close frame closes, and the session leaves the router when the
 * connection ends. Writability changes drain the session's queue, as on the streaming port.
 */
final class LiveSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger log = LoggerFactory.getLogger(LiveSocketHandler.class);

    private final Session session;
    private final Router router;
    private final Subscribers sessions;
    private final WebSocketServerHandshaker handshaker;
    private final ServerMetrics metrics;

    LiveSocketHandler(Session session, Router router, Subscribers sessions, WebSocketServerHandshaker handshaker,
                      ServerMetrics metrics) {
        this.session = session;
        this.router = router;
        this.sessions = sessions;
        this.handshaker = handshaker;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            handshaker.close(ctx.channel(), close.retain());
        } else if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        }
        // Text and binary frames: the feed is one-way; the browser sends through the REST API.
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        session.drain();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (sessions.remove(session)) {
            log.info("live feed {} closed: {}", session.id(), session);
            router.disconnectedQuietly(session);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedFrameException) {
            metrics.httpRefused("websocket-frame"); // oversized or malformed frame from the browser
            log.info("live feed {}: bad frame: {}", session.id(), cause.getMessage());
        }
        session.disconnect("error", String.valueOf(cause.getMessage()));
        ctx.close();
    }
}
