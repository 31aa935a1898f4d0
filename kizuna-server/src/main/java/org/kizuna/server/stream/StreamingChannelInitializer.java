package org.kizuna.server.stream;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.kizuna.server.tls.Revocations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline of one streaming connection:
 * <pre>
 *   [TLS → revocation gate] → idle watch → CotStreamDecoder (frames → events) → CotSessionHandler (session, control, routing)
 * </pre>
 * Connections over the node's limit ({@link ConnectionLimit}: open connections, handshakes in
 * progress included) are closed before any handler is added.
 */
public final class StreamingChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger log = LoggerFactory.getLogger(StreamingChannelInitializer.class);

    private final SessionContext ctx;
    private final SslContext sslContext;
    private final ChannelHandler revocationGate;
    private final ConnectionLimit connections;

    /**
     * {@code sslContext} null means plain TCP (then {@code revocations} is not used);
     * {@code connections} is shared by every streaming listener.
     */
    public StreamingChannelInitializer(SessionContext ctx, SslContext sslContext, Revocations revocations,
                                       ConnectionLimit connections) {
        this.ctx = ctx;
        this.sslContext = sslContext;
        this.revocationGate = sslContext == null ? null : revocations.gate("streaming");
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (!connections.tryOpen()) {
            ctx.metrics().closed("max-clients");
            log.warn("refusing {}: {} connections open (limit {})", ch.remoteAddress(), connections.open(),
                    connections.max());
            ch.close();
            return;
        }
        ch.closeFuture().addListener(closed -> connections.closed());
        var limits = ctx.sessionLimits();
        if (sslContext != null) {
            SslHandler ssl = sslContext.newHandler(ch.alloc());
            ssl.setHandshakeTimeoutMillis(limits.handshakeTimeout().toMillis());
            ch.pipeline().addLast("tls", ssl).addLast("revocation", revocationGate);
        }
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(limits.readIdleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("decoder", new CotStreamDecoder(ctx.xmlReader(), ctx.protoCodec(), ctx.limits().maxFrameBytes()))
                .addLast("session", new CotSessionHandler(ctx, sslContext != null));
    }
}
