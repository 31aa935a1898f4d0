package org.kizuna.server.tls;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Sits right after a listener's TLS handler. When the handshake succeeds with a client
 * certificate, it registers the connection with {@link Revocations} (so a later revocation closes
 * it) and then checks the certificate once more: a resumed TLS session skips the trust manager,
 * and a revocation may have come between the trust manager's check and now. A revoked
 * certificate's connection is closed here, and the handlers after this one never hear of the
 * handshake, so no session opens.
 */
@ChannelHandler.Sharable
final class RevocationGate extends ChannelInboundHandlerAdapter {

    private final Revocations revocations;
    private final String listener;

    RevocationGate(Revocations revocations, String listener) {
        this.revocations = revocations;
        this.listener = listener;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
            X509Certificate peer = peer(ctx);
            if (peer != null) {
                // registered before the check: a list that arrives between the two still finds it
                revocations.opened(ctx.channel(), peer, listener);
                Optional<RevocationList.Entry> revoked = revocations.find(peer);
                if (revoked.isPresent()) {
                    if (revocations.claim(ctx.channel())) {
                        revocations.refused(peer, revoked.get(), listener, String.valueOf(ctx.channel().remoteAddress()));
                    }
                    ctx.close();
                    return;
                }
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private static X509Certificate peer(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        try {
            Certificate[] chain = ssl == null ? new Certificate[0] : ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null; // HTTPS: the certificate is optional
        }
    }
}
