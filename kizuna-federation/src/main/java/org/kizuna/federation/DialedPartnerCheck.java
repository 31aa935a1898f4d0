package org.kizuna.federation;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.kizuna.federation.tls.PartnerCertificates;

/**
 * The dialing side's check on every call, the counterpart of the listening side's interceptor:
 * when the partner's headers arrive, its certificate must still be the partner's (not removed,
 * not revoked). The handshake's trust manager is not enough: a redial after a revocation may
 * resume the earlier TLS session, and a resumed session is not checked again. A refused call is
 * cancelled before any frame of the partner is read.
 */
final class DialedPartnerCheck implements ClientInterceptor {

    private final PartnerCertificates partners;
    private final Partner partner;

    DialedPartnerCheck(PartnerCertificates partners, Partner partner) {
        this.partners = partners;
        this.partner = partner;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                ClientCall<Q, R> call = this;
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    /** Callbacks of one call run one at a time, in order; no lock needed. */
                    private boolean refused;

                    @Override
                    public void onHeaders(Metadata received) {
                        if (stillThePartner(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION))) {
                            super.onHeaders(received);
                        } else {
                            refused = true;
                            call.cancel("partner " + partner.nodeId() + " is no longer trusted", null);
                        }
                    }

                    @Override
                    public void onMessage(R message) {
                        if (!refused) { // a message already queued when the call was cancelled
                            super.onMessage(message);
                        }
                    }
                }, headers);
            }
        };
    }

    /** Whether the peer of {@code session} is still {@link #partner}; a refusal is logged and counted. */
    private boolean stillThePartner(SSLSession session) {
        if (session == null) {
            return false;
        }
        try {
            Certificate[] peer = session.getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[peer.length];
            for (int i = 0; i < peer.length; i++) {
                chain[i] = (X509Certificate) peer[i];
            }
            // what the JDK passes for TLS 1.3: a signing key is enough (no keyEncipherment required)
            return partners.admit(chain, "UNKNOWN", false, partner) != null;
        } catch (SSLPeerUnverifiedException | ClassCastException e) {
            return false;
        }
    }
}
