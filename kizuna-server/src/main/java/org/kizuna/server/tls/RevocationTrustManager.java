package org.kizuna.server.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A PKIX trust manager with the node's revocation list on top: the chain is checked first
 * (signature, validity, CA), then the leaf against the list in force at that moment. Both the
 * JDK and the OpenSSL provider call it during the handshake.
 */
final class RevocationTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager pkix;
    private final Revocations revocations;
    private final String listener;

    RevocationTrustManager(X509ExtendedTrustManager pkix, Revocations revocations, String listener) {
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
        pkix.checkClientTrusted(chain, authType, socket);
        notRevoked(chain, remote(socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, engine);
        notRevoked(chain, remote(engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        notRevoked(chain, "?");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
        notRevoked(chain, remote(socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, engine);
        notRevoked(chain, remote(engine));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    private static String remote(Socket socket) {
        return socket == null ? "?" : String.valueOf(socket.getRemoteSocketAddress());
    }

    private static String remote(SSLEngine engine) {
        return engine == null || engine.getPeerHost() == null ? "?" : engine.getPeerHost() + ":" + engine.getPeerPort();
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
