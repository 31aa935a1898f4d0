package org.kizuna.server.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS contexts of the node's listeners: the node's certificate chain and key, and the node CA
 * as the only trust anchor. Clients must present a certificate that chains to that CA, is within
 * its validity (the JDK's PKIX trust manager checks both) and is not on the node's revocation list
 * ({@link Revocations}). Native OpenSSL is used when it loads, the JDK otherwise.
 *
 * <p>Every listener that accepts client certificates builds its trust with {@link #clientTrust},
 * and puts {@link Revocations#gate} after its TLS handler; the enrollment listener must too.
 */
public final class ServerTls {

    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    /** TLS versions offered; TAK clients speak 1.2, newer ones 1.3. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ServerTls() {
    }

    /**
     * Builds the streaming context from {@code files}; fails with the file named when one is
     * unusable, or when the revocation list cannot be read.
     */
    public static SslContext serverContext(TlsFiles files, Revocations revocations) throws IOException {
        X509TrustManager trust = clientTrust(files, revocations, "streaming");
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        try {
            SslContext context = SslContextBuilder.forServer(files.certificateChainPem().toFile(), files.privateKeyPem().toFile())
                    .trustManager(trust)
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols(PROTOCOLS)
                    .sslProvider(provider)
                    .build();
            log.info("streaming TLS ready ({} provider, {} trusted CA, {} revoked)", provider,
                    trust.getAcceptedIssuers().length, revocations.current().size());
            if (provider == SslProvider.JDK) {
                // Works, but with more CPU and heap per connection; say why, it is usually the install
                log.warn("OpenSSL (netty-tcnative) did not load, TLS runs on the JDK's provider: {}",
                        describe(OpenSsl.unavailabilityCause()));
            }
            return context;
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot build TLS context from " + files + ": " + e.getMessage(), e);
        }
    }

    /**
     * The context of the HTTPS port: the same certificate, trust anchor and provider, but a client
     * certificate is optional: browsers log in with a password, TAK clients calling the Marti
     * endpoints present their certificate as on the streaming port.
     */
    public static SslContext httpsContext(TlsFiles files, Revocations revocations) throws IOException {
        X509TrustManager trust = clientTrust(files, revocations, "https");
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        try {
            return SslContextBuilder.forServer(files.certificateChainPem().toFile(), files.privateKeyPem().toFile())
                    .trustManager(trust)
                    .clientAuth(ClientAuth.OPTIONAL)
                    .protocols(PROTOCOLS)
                    .sslProvider(provider)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot build HTTPS context from " + files + ": " + e.getMessage(), e);
        }
    }

    /**
     * The context of the enrollment port (8446): the server certificate only, no client
     * certificate asked for (clients come here because they have none yet). Its trust is still
     * built with {@link #clientTrust} and the listener keeps the revocation gate, so that the
     * rule "every listener checks revocation" holds if client certificates are ever asked for.
     */
    public static SslContext enrollmentContext(TlsFiles files, Revocations revocations) throws IOException {
        X509TrustManager trust = clientTrust(files, revocations, "enrollment");
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        try {
            return SslContextBuilder.forServer(files.certificateChainPem().toFile(), files.privateKeyPem().toFile())
                    .trustManager(trust)
                    .clientAuth(ClientAuth.NONE)
                    .protocols(PROTOCOLS)
                    .sslProvider(provider)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot build the enrollment TLS context from " + files + ": " + e.getMessage(), e);
        }
    }

    /**
     * The client-certificate check of a listener: PKIX against the node CA ({@code files}), then
     * the revocation list (loaded here if it was not yet). {@code listener} names it in log lines.
     */
    public static X509TrustManager clientTrust(TlsFiles files, Revocations revocations, String listener)
            throws IOException {
        revocations.load();
        List<X509Certificate> trusted = readCertificates(files.trustedCaPem());
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, trusted.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            for (TrustManager tm : factory.getTrustManagers()) {
                // the JDK's PKIX trust manager is an extended one (it checks against the engine's session)
                if (tm instanceof X509ExtendedTrustManager pkix) {
                    return revocations.trustManager(pkix, listener);
                }
            }
            throw new IOException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the trust of " + listener + " from " + files.trustedCaPem() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The cause with its suppressed ones (Netty puts the reason of each failed load there). */
    private static String describe(Throwable t) {
        if (t == null) {
            return "no cause given";
        }
        StringBuilder b = new StringBuilder(String.valueOf(t.getMessage()));
        for (Throwable s : t.getSuppressed()) {
            b.append("; ").append(s.getMessage()); // e.g. two versions of the native library on the class path
        }
        return b.toString();
    }

    static List<X509Certificate> readCertificates(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> certs = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new IOException("no certificate in " + pem);
            }
            return certs;
        } catch (CertificateException e) {
            throw new IOException("cannot read certificates from " + pem + ": " + e.getMessage(), e);
        }
    }
}
