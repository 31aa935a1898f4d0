package org.kizuna.server.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A PKIX trust manager with the node's revocation list on top: the chain is checked first
 * (signature, validity, CA), then the leaf against the list in force at that moment. Both the
 * JDK and the OpenSSL provider call it during the handshake.
 */
final class RevocationTrustManager extends X509ExtendedTrustManager {

    private final X509TrustManager pkix;
    private final Revocations revocations;
    private final String listener;

    RevocationTrustManager(X509TrustManager pkix, Revocations revocations, String listener) {
        this.pkix = pkix;
        this.revocations = revocations;
        this.listener = listener;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        notRevoked(chain, "?");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        if (pkix instanceof X509ExtendedTrustManager extended) {
            extended.checkClientTrusted(chain, authType, socket);
        } else {
            pkix.checkClientTrusted(chain, authType);
        }
        notRevoked(chain, socket == null ? "?" : String.valueOf(socket.getRemoteSocketAddress()));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        if (pkix instanceof X509ExtendedTrustManager extended) {
            extended.checkClientTrusted(chain, authType, engine);
        } else {
            pkix.checkClientTrusted(chain, authType);
        }
        notRevoked(chain, engine == null || engine.getPeerHost() == null ? "?" : engine.getPeerHost() + ":" + engine.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        notRevoked(chain, "?");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        if (pkix instanceof X509ExtendedTrustManager extended) {
            extended.checkServerTrusted(chain, authType, socket);
        } else {
            pkix.checkServerTrusted(chain, authType);
        }
        notRevoked(chain, socket == null ? "?" : String.valueOf(socket.getRemoteSocketAddress()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        if (pkix instanceof X509ExtendedTrustManager extended) {
            extended.checkServerTrusted(chain, authType, engine);
        } else {
            pkix.checkServerTrusted(chain, authType);
        }
        notRevoked(chain, engine == null || engine.getPeerHost() == null ? "?" : engine.getPeerHost() + ":" + engine.getPeerPort());
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    private void notRevoked(X509Certificate[] chain, String remote) throws CertificateException {
        Optional<RevocationList.Entry> entry = revocations.find(chain[0]);
        if (entry.isPresent()) {
            revocations.refused(chain[0], entry.get(), listener, remote);
            throw new CertificateException("certificate serial " + Revocations.hex(chain[0]) + " was revoked "
                    + entry.get().revokedAt() + " (" + entry.get().reason() + ")");
        }
    }
}
