package org.kizuna.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.server.stream.ClientCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an HTTP connection: detaches each request from Netty's buffers, hands
 * WebSocket upgrades to their endpoint, and runs everything else on the API's worker threads
 * (handlers query the database and hash passwords, which must never happen on an event loop).
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);

    /** Requests of one connection that may wait for the one in progress. */
    static final int MAX_PIPELINED = 16;

    private final HttpStack api;
    private final RequestGate gate;
    private final boolean secure;
    private final InOrder inOrder = new InOrder();
    private volatile ChannelHandlerContext context;

    HttpRequestHandler(HttpStack api, RequestGate gate, boolean secure) {
        this.api = api;
        this.gate = gate;
        this.secure = secure;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest raw) {
        if (raw.decoderResult().isFailure()) {
            api.metrics().httpRefused("malformed-request");
            log.info("malformed HTTP request from {}: {}", ctx.channel().remoteAddress(),
                    RequestGate.loggable(raw.decoderResult().cause().toString()));
            write(ctx, Response.problem(new Problem(HttpResponseStatus.BAD_REQUEST, "malformed-request",
                    "Malformed request", "the request could not be parsed", null)), false, false);
            return;
        }
        WebSocketEndpoint ws = api.webSocket();
        Request request = admit(ctx, raw, ws);
        if (request == null) {
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(raw);
        boolean head = raw.method().equals(HttpMethod.HEAD);
        if (ws != null && request.path().equals(ws.path())) {
            Response refused = ws.open(ctx, raw, request);
            if (refused != null) {
                write(ctx, refused, false, false);
            }
            return;
        }
        if (!inOrder.submit(() -> write(ctx, api.dispatcher().dispatch(request), keepAlive, head))) {
            api.metrics().httpRefused("pipelined");
            log.info("closing {}: more than {} pipelined requests", ctx.channel().remoteAddress(), MAX_PIPELINED);
            ctx.close();
        }
    }

    /**
     * The request past the {@link RequestGate}, or null when it was refused (counted, logged, and
     * answered in its turn behind requests still in progress; the connection then closes).
     */
    private Request admit(ChannelHandlerContext ctx, FullHttpRequest raw, WebSocketEndpoint ws) {
        try {
            gate.checkHost(raw.headers().get(HttpHeaderNames.HOST));
            Request request = detach(ctx, raw);
            boolean upgrade = ws != null && request.path().equals(ws.path());
            if (upgrade || Dispatcher.isWrite(request.method())) {
                gate.checkOrigin(request);
            }
            return request;
        } catch (Problem p) {
            api.metrics().httpRefused(p.reason());
            log.info("{} {} from {} (Host {}): {} {}", raw.method(), RequestGate.loggable(raw.uri()),
                    ctx.channel().remoteAddress(), RequestGate.loggable(raw.headers().get(HttpHeaderNames.HOST)),
                    p.status().code(), p.reason());
            if (!inOrder.submit(() -> write(ctx, Response.problem(p), false, false))) {
                ctx.close();
            }
            return null;
        }
    }

    /**
     * Runs one connection's requests on the workers one after another, so that answers to
     * pipelined requests leave in request order (HTTP/1.1 requires it). At most
     * {@value #MAX_PIPELINED} may wait.
     */
    private final class InOrder {
        private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
        private boolean running;

        synchronized boolean submit(Runnable task) {
            if (running) {
                if (pending.size() >= MAX_PIPELINED) {
                    return false;
                }
                pending.add(task);
                return true;
            }
            running = true;
            launch(task);
            return true;
        }

        private void launch(Runnable task) {
            try {
                api.workers().execute(() -> {
                    try {
                        task.run();
                    } catch (Throwable t) {
                        // The dispatcher answers every failure it can; past it (out of memory while
                        // writing), close the connection so the client is not left waiting.
                        log.error("request on {} failed without an answer; closing it", ctx().channel().remoteAddress(), t);
                        ctx().close();
                    } finally {
                        next();
                    }
                });
            } catch (RejectedExecutionException e) {
                api.metrics().httpRefused("busy");
                write(ctx(), Response.problem(new Problem(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", "Busy",
                        "too many requests in progress; try again", null, Map.of("Retry-After", "1"))), false, false);
                synchronized (this) {
                    pending.clear();
                    running = false;
                }
            }
        }

        private void next() {
            Runnable task;
            synchronized (this) {
                task = pending.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            launch(task);
        }
    }

    private ChannelHandlerContext ctx() {
        return context;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    private Request detach(ChannelHandlerContext ctx, FullHttpRequest raw) {
        RequestGate.Target target = RequestGate.target(raw.uri());
        byte[] body = new byte[raw.content().readableBytes()];
        raw.content().getBytes(raw.content().readerIndex(), body);
        String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
        return new Request(raw.method(), target.rawPath(), target.query(), raw.headers().copy(), body, remote, secure,
                certificate(ctx), Map.of(), ctx.channel());
    }

    /** The TAK client's certificate identity when one was presented (it is optional on this port). */
    private static ClientIdentity certificate(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate cert ? ClientCertificates.identity(cert) : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** Writes {@code response} with the headers every answer carries; safe from any thread. */
    static void write(ChannelHandlerContext ctx, Response response, boolean keepAlive, boolean head) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
        var h = out.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        if (ctx.pipeline().get(SslHandler.class) != null) {
            h.set(Response.HSTS_HEADER, Response.HSTS); // browsers that came once by HTTPS never fall back
        }
        if (!response.headers().containsKey("Cache-Control")) {
            h.set(HttpHeaderNames.CACHE_CONTROL, "no-store"); // API answers hold what a user may see
        }
        response.headers().forEach(h::set);
        if (keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(out);
        } else {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close(); // idle keep-alive connection: nothing to say, just free it
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
