package org.kizuna.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.kizuna.server.tls.Revocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of one HTTP connection:
 * <pre>
 *   [TLS → revocation gate] → idle watch → HttpServerCodec → aggregator (bounded body) → HttpRequestHandler
 * </pre>
 * A WebSocket upgrade later replaces the codec and the request handler with frame handlers.
 */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger log = LoggerFactory.getLogger(HttpChannelInitializer.class);

    private final HttpStack api;
    private final SslContext ssl;
    private final ChannelHandler revocationGate;
    private final RequestGate gate;

    /**
     * {@code ssl} null means plain HTTP (the demo's loopback listener); with TLS, client
     * certificates go through {@code revocations}' gate for {@code listener} ("https",
     * "enrollment"). {@code hosts}: the names it answers to.
     */
    HttpChannelInitializer(HttpStack api, SslContext ssl, Revocations revocations, String listener, AllowedHosts hosts) {
        this.api = api;
        this.ssl = ssl;
        this.revocationGate = ssl == null ? null : revocations.gate(listener);
        this.gate = new RequestGate(hosts);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        HttpSettings s = api.settings();
        if (ssl != null) {
            SslHandler handler = ssl.newHandler(ch.alloc());
            handler.setHandshakeTimeoutMillis(10_000);
            ch.pipeline().addLast("tls", handler).addLast("revocation", revocationGate);
        }
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(s.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("codec", new HttpServerCodec())
                .addLast("aggregator", new BoundedAggregator(s.maxBodyBytes(), api))
                .addLast("request", new HttpRequestHandler(api, gate, ssl != null));
    }

    /**
     * Refuses an oversized body with a problem body, a counter and a log line. A body of a known,
     * moderate length (up to {@value BoundedAggregator#DISCARD_FACTOR} times the limit) is read and discarded on a
     * kept-alive connection: closing while the client is still sending resets the connection, and
     * the reset can destroy the 413 before the client reads it. Anything larger, or of unknown
     * length, is answered and the connection closed.
     */
    private static final class BoundedAggregator extends HttpObjectAggregator {

        static final int DISCARD_FACTOR = 16;

        private final HttpStack api;

        BoundedAggregator(int maxBytes, HttpStack api) {
            super(maxBytes);
            this.api = api;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            api.metrics().httpRefused("body-too-large");
            log.info("request body from {} over {} bytes refused", ctx.channel().remoteAddress(), api.settings().maxBodyBytes());
            long length = HttpUtil.getContentLength(oversized, -1L);
            boolean discard = HttpUtil.isKeepAlive(oversized) && !(oversized instanceof FullHttpMessage)
                    && length >= 0 && length <= (long) DISCARD_FACTOR * api.settings().maxBodyBytes();
            // When kept alive, the aggregator drops the rest of this body and serves the next request.
            HttpRequestHandler.write(ctx, Response.problem(new Problem(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "body-too-large", "Request body too large",
                    "at most " + api.settings().maxBodyBytes() + " bytes", null)), discard, false);
        }
    }
}
