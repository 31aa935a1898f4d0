package org.kizuna.bench.load;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import javax.net.ssl.SSLException;
import org.kizuna.pki.CertificateAuthority;
import org.kizuna.pki.IssuedCertificate;
import org.kizuna.pki.Pem;
import org.kizuna.server.tls.ServerTls;

/**
 * The client certificates of a load run, as ready TLS contexts.
 *
 * <p>Why a pool and not one certificate per connection: an RSA-2048 key pair takes 50–100 ms, so
 * 10,000 of them would take minutes before the first byte is sent. A server keys groups by the
 * certificate's CN, and every load client is in the same (default) group, so connections share a
 * small pool round-robin; each client still has its own uid and callsign in what it sends, which
 * is what routing, the picture and {@code <marti><dest>} go by.
 */
public final class LoadIdentities {

    /** Certificates issued when the CA is at hand: enough variety, generated in about a second on two cores. */
    public static final int DEFAULT_POOL = 16;

    private final List<SslContext> contexts;

    private LoadIdentities(List<SslContext> contexts) {
        if (contexts.isEmpty()) {
            throw new IllegalArgumentException("no client identity");
        }
        this.contexts = List.copyOf(contexts);
    }

    /** Issues {@code count} client certificates ({@code load-0}, {@code load-1}, ...) from {@code ca}, in parallel. */
    public static LoadIdentities issuedBy(CertificateAuthority ca, int count) {
        Instant now = Instant.now();
        List<SslContext> contexts = IntStream.range(0, count).parallel()
                .mapToObj(i -> ca.issueClient("load-" + i, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(2))))
                .map(issued -> context(issued.privateKey(), issued.chain(), ca.certificate()))
                .toList();
        return new LoadIdentities(contexts);
    }

    /** One identity from PEM files, shared by every connection. */
    public static LoadIdentities fromFiles(Path certificatePem, Path keyPem, Path caPem) throws IOException {
        List<X509Certificate> chain = Pem.readCertificates(certificatePem);
        List<X509Certificate> cas = Pem.readCertificates(caPem);
        if (chain.isEmpty() || cas.isEmpty()) {
            throw new IOException("no certificate in " + (chain.isEmpty() ? certificatePem : caPem));
        }
        return new LoadIdentities(List.of(context(Pem.readPrivateKey(keyPem), chain, cas.get(0))));
    }

    /** The context connection {@code client} uses. */
    SslContext forClient(int client) {
        return contexts.get(client % contexts.size());
    }

    public int size() {
        return contexts.size();
    }

    private static SslContext context(PrivateKey key, List<X509Certificate> chain, X509Certificate ca) {
        try {
            return SslContextBuilder.forClient()
                    .keyManager(key, chain.toArray(X509Certificate[]::new))
                    .trustManager(ca)
                    .protocols(ServerTls.PROTOCOLS)
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a client TLS context: " + e.getMessage(), e);
        }
    }

    /** For tests and callers that already hold an issued certificate. */
    public static LoadIdentities of(IssuedCertificate client, X509Certificate ca) {
        return new LoadIdentities(List.of(context(client.privateKey(), client.chain(), ca)));
    }
}
