package org.kizuna.federation;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.kizuna.federation.link.Link;
import org.kizuna.federation.tls.PartnerCertificates;
import org.kizuna.federation.wire.FederationLinkGrpc;
import org.kizuna.federation.wire.FederationProtocol.Frame;

/**
 * The listening side: names the partner from the TLS session (the handshake already refused
 * strangers) and hands the stream to that partner's link.
 */
final class FederationService extends FederationLinkGrpc.FederationLinkImplBase {

    private static final Context.Key<Partner> PARTNER = Context.key("kizuna-partner");

    private final Map<String, Link> links;

    FederationService(Map<String, Link> links) {
        this.links = links;
    }

    @Override
    public StreamObserver<Frame> exchange(StreamObserver<Frame> responses) {
        Partner partner = PARTNER.get();
        Link link = partner == null ? null : links.get(partner.nodeId());
        if (link == null) {
            responses.onError(Status.PERMISSION_DENIED.withDescription("not a partner").asRuntimeException());
            return new StreamObserver<>() {
                @Override
                public void onNext(Frame value) {
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                }
            };
        }
        return link.accept((ServerCallStreamObserver<Frame>) responses);
    }

    /**
     * Puts the partner named by the peer certificate into the call's context. Checked on every
     * call, not only at the handshake: a partner removed, or whose certificate was revoked, while
     * its connection stays open is refused here when it opens its next stream.
     */
    static ServerInterceptor identifyPartner(PartnerCertificates partners, FederationMetrics metrics) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                             ServerCallHandler<Q, R> next) {
                Partner partner = partnerOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION), partners, metrics);
                if (partner == null) {
                    call.close(Status.UNAUTHENTICATED.withDescription("not a configured partner"), new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                return Contexts.interceptCall(Context.current().withValue(PARTNER, partner), call, headers, next);
            }
        };
    }

    /** The partner, or null once the refusal is counted (and, for a certificate, logged). */
    private static Partner partnerOf(SSLSession session, PartnerCertificates partners, FederationMetrics metrics) {
        if (session == null) {
            metrics.refused("unknown-partner");
            return null;
        }
        try {
            Certificate[] peer = session.getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[peer.length];
            for (int i = 0; i < peer.length; i++) {
                chain[i] = (X509Certificate) peer[i];
            }
            String authType = chain.length == 0 ? "RSA" : chain[0].getPublicKey().getAlgorithm();
            return partners.admit(chain, authType, true, null);
        } catch (SSLPeerUnverifiedException | ClassCastException e) {
            metrics.refused("unknown-partner");
            return null;
        }
    }
}
