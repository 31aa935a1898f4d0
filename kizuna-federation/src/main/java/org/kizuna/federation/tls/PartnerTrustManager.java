package org.kizuna.federation.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.kizuna.federation.Partner;

/**
 * Accepts a TLS peer only when it is a configured partner (see {@link PartnerCertificates}); when
 * dialing, only the partner we dialed. The refusal happens inside the handshake, so an unknown
 * peer never reaches the gRPC service.
 *
 * <p>Host names are not checked: a partner is pinned by its CA and certificate name, which is
 * stronger, and partners are often reached through addresses their certificate cannot list (NAT,
 * a liaison network).
 */
final class PartnerTrustManager extends X509ExtendedTrustManager {

    private final PartnerCertificates partners;
    private final Partner expected;

    /** @param expected the partner being dialed, or {@code null} on the listening side */
    PartnerTrustManager(PartnerCertificates partners, Partner expected) {
        this.partners = partners;
        this.expected = expected;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, true);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, false);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType, true);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType, false);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType, true);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType, false);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return partners.acceptedIssuers();
    }

    private void check(X509Certificate[] chain, String authType, boolean peerIsClient) throws CertificateException {
        if (partners.admit(chain, authType, peerIsClient, expected) == null) {
            throw new CertificateException("not a configured federation partner");
        }
    }
}
