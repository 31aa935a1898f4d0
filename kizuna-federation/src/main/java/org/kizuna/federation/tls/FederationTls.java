package org.kizuna.federation.tls;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.kizuna.federation.Partner;
import org.kizuna.server.tls.ServerTls;
import org.kizuna.server.tls.TlsFiles;

/**
 * TLS contexts for federation: the node presents its own server certificate (it carries both the
 * serverAuth and clientAuth purposes, so it serves for dialing too) and trusts partners only
 * through {@link PartnerCertificates}.
 */
public final class FederationTls {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FederationTls.class);

    private final TlsFiles node;
    private final PartnerCertificates partners;

    public FederationTls(TlsFiles node, PartnerCertificates partners) {
        this.node = node;
        this.partners = partners;
    }

    public PartnerCertificates partners() {
        return partners;
    }

    /** The listening side: a client certificate is required and must be a partner's. */
    public SslContext server() throws IOException {
        try {
            SslContext context = GrpcSslContexts.configure(SslContextBuilder.forServer(node.certificateChainPem().toFile(),
                            node.privateKeyPem().toFile()))
                    .trustManager(new PartnerTrustManager(partners, null))
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols(ServerTls.PROTOCOLS)
                    .build();
            log.info("federation TLS ready ({}, {} partner CA)", context.getClass().getSimpleName(),
                    partners.acceptedIssuers().length);
            return context;
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot build the federation TLS context from " + node + ": " + e.getMessage(), e);
        }
    }

    /** The dialing side towards {@code partner}: only that partner's certificate is accepted. */
    public SslContext client(Partner partner) throws IOException {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forClient()
                            .keyManager(node.certificateChainPem().toFile(), node.privateKeyPem().toFile()))
                    .trustManager(new PartnerTrustManager(partners, partner))
                    .protocols(ServerTls.PROTOCOLS)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot build the federation TLS context for " + partner + ": " + e.getMessage(), e);
        }
    }
}
