package org.kizuna.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A client-side TLS context from PEM files, for the simulator and other built-in clients. */
public final class ClientTls {

    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private ClientTls() {
    }

    /** Presents {@code certPem}/{@code keyPem} and trusts only the CA in {@code caPem}. */
    public static SSLContext context(Path certPem, Path keyPem, Path caPem) throws IOException {
        List<X509Certificate> chain = Pem.readCertificates(certPem);
        PrivateKey key = Pem.readPrivateKey(keyPem);
        List<X509Certificate> cas = Pem.readCertificates(caPem);
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, IN_MEMORY);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build a client TLS context from " + certPem + ": " + e.getMessage(), e);
        }
    }
}
