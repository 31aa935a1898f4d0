package org.kizuna.server.stream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.routing.WireFormat;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.server.channels.ForeignGroupException;
import org.kizuna.server.channels.GroupChangeRequest;
import org.kizuna.server.channels.Selection;
import org.kizuna.server.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's life: opens the session once the client is known (after the TLS handshake, or
 * at once on plain TCP), answers control messages, hands everything else to the router, and
 * cleans up when the connection ends.
 */
final class CotSessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(CotSessionHandler.class);

    private final SessionContext ctx;
    private final boolean tls;
    private final ProtocolNegotiation negotiation;
    private Session session;
    private boolean handshakeFailed;
    private int consecutiveBadFrames;

    CotSessionHandler(SessionContext ctx, boolean tls) {
        this.ctx = ctx;
        this.tls = tls;
        this.negotiation = new ProtocolNegotiation(ctx.clock());
    }

    @Override
    public void channelActive(ChannelHandlerContext ch) throws Exception {
        if (!tls) {
            open(ch, ClientIdentity.anonymous(String.valueOf(ch.channel().remoteAddress())));
        }
        super.channelActive(ch);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ch, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                open(ch, identityOf(ch));
            } else {
                handshakeFailed = true;
                ctx.metrics().closed("tls-handshake");
                log.warn("TLS handshake with {} failed: {}", ch.channel().remoteAddress(), rootCause(done.cause()));
                ch.close();
            }
        } else if (evt instanceof IdleStateEvent) {
            close(ch, "idle", "no data for " + ctx.sessionLimits().readIdleTimeout().toSeconds() + " s");
        }
        super.userEventTriggered(ch, evt);
    }

    private void open(ChannelHandlerContext ch, ClientIdentity identity) {
        if (identity == null) {
            close(ch, "tls-identity", "no usable client certificate");
            return;
        }
        session = new Session(ctx.sessions().nextId(),
                ctx.router().release().recipient(identity, ctx.groups().groupsFor(identity)), ch.channel(),
                ctx.sessionLimits().outboundQueue(), ctx.sessionLimits().unwritableTimeout(), ctx.metrics(),
                ctx.sessionLimits().flushInterval());
        ctx.channels().register(session); // joins the registry already narrowed by its channel choice
        log.info("session {} opened: {} from {} groups in={} out={}", session.id(), identity.name(),
                ch.channel().remoteAddress(), session.groups().in(), session.groups().out());
        if (tls) {
            session.writeNow(negotiation.offer());
        }
        ctx.router().connected(session);
    }

    @Override
    public void channelRead(ChannelHandlerContext ch, Object msg) {
        if (session == null) {
            return; // bytes before the handshake completed cannot reach here; nothing to do
        }
        if (msg instanceof CotEvent event) {
            consecutiveBadFrames = 0;
            if (!handleControl(ch, event)) {
                ctx.router().route(session, event);
            }
        } else if (msg instanceof DecodeFailure failure) {
            refuse(ch, failure);
        }
    }

    /** Consumes control messages; returns false for everything that should be routed. */
    private boolean handleControl(ChannelHandlerContext ch, CotEvent event) {
        CotType type = event.type();
        if (type.isA(CotType.PING)) {
            session.writeNow(negotiation.pong(session.wireFormat(), ctx.protoCodec()));
            return true;
        }
        if (type.isA(CotType.PROTOCOL_REQUEST)) {
            boolean accept = tls && session.wireFormat() == WireFormat.XML && ProtocolNegotiation.requestsVersion1(event);
            session.writeNow(negotiation.response(event.uid(), accept));
            if (accept) {
                ch.pipeline().get(CotStreamDecoder.class).switchToProtobuf();
                session.switchTo(WireFormat.PROTOBUF);
                log.info("session {} switched to TAK protocol v1", session.id());
            }
            return true;
        }
        if (type.isA(CotType.GROUP_CHANGE)) {
            chooseChannels(event);
            return true; // a client's choice is for this node, never relayed
        }
        if (ProtocolNegotiation.isControl(type)) {
            return true;
        }
        return false;
    }

    /** A client's {@code t-x-g-c}: the same choice as {@code PUT /Marti/api/groups/active}. */
    private void chooseChannels(CotEvent event) {
        try {
            List<Selection> selections = GroupChangeRequest.selections(event);
            if (selections.isEmpty()) {
                ctx.metrics().rejected("bad-channel-choice");
                log.warn("session {}: t-x-g-c without group entries ignored", session.id());
                return;
            }
            ctx.channels().choose(session.identity(), session.recipient().groups(), selections);
        } catch (ForeignGroupException e) {
            ctx.metrics().rejected("foreign-group");
        } catch (IllegalArgumentException e) {
            ctx.metrics().rejected("bad-channel-choice");
            log.warn("session {}: t-x-g-c refused: {}", session.id(), e.getMessage());
        }
    }

    private void refuse(ChannelHandlerContext ch, DecodeFailure failure) {
        ctx.metrics().rejected(failure.error().reason());
        log.warn("session {}: refused frame ({}): {}", session.id(), failure.error().reason(), failure.error().getMessage());
        if (failure.fatal()) {
            close(ch, failure.error().reason(), "stream cannot continue");
        } else if (++consecutiveBadFrames >= ctx.sessionLimits().maxConsecutiveBadFrames()) {
            close(ch, "bad-frames", consecutiveBadFrames + " bad frames in a row");
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ch) throws Exception {
        if (session != null) {
            session.drain();
        }
        super.channelWritabilityChanged(ch);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ch) throws Exception {
        if (session != null && ctx.sessions().remove(session)) {
            log.info("session {} closed: {}", session.id(), session);
            ctx.router().disconnected(session);
        }
        super.channelInactive(ch);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ch, Throwable cause) {
        log.debug("connection error", cause);
        if (handshakeFailed) {
            ch.close(); // already counted and logged when the handshake failed
        } else if (tls && session == null) {
            handshakeFailed = true;
            close(ch, "tls-handshake", String.valueOf(cause.getMessage()));
        } else if (cause instanceof java.io.IOException) {
            close(ch, "io-error", String.valueOf(cause.getMessage())); // resets and broken pipes
        } else {
            close(ch, "error", String.valueOf(cause));
        }
    }

    private void close(ChannelHandlerContext ch, String reason, String detail) {
        if (session != null) {
            session.disconnect(reason, detail);
        } else if (ch.channel().isActive()) {
            ctx.metrics().closed(reason);
            log.warn("closing connection from {}: {} - {}", ch.channel().remoteAddress(), reason, detail);
            ch.close();
        }
    }

    /** The innermost message: "certificate expired" says more than "General OpenSslEngine problem". */
    /**
     * What went wrong, for a log line: the message, or the exception's name when it has none (a
     * client that hangs up mid-handshake gives a {@code ClosedChannelException} without one,
     * which was logged as "failed: null"), and the root cause when there is another.
     */
    static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return root == t ? what : what + " (" + root + ")";
    }

    private static ClientIdentity identityOf(ChannelHandlerContext ch) {
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
                return null;
            }
            return ClientCertificates.identity(cert);
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
