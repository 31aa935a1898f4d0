package org.kizuna.server.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.kizuna.pki.CertificateAuthority;
import org.kizuna.pki.CertificateRevocationList;
import org.kizuna.pki.IssuedCertificate;
import org.kizuna.pki.Pem;
import org.kizuna.pki.RevocationReason;
import org.kizuna.pki.RevokedCertificate;
import org.kizuna.server.tls.TlsFiles;

/**
 * A throwaway PKI generated at test time: a node CA, a server certificate for loopback, and
 * client certificates on demand (valid, expired, or from a foreign CA). No key is ever committed.
 */
public final class TestPki {

    private static final char[] PASSWORD = "test".toCharArray();

    private final Path dir;
    private final CertificateAuthority ca;
    private final TlsFiles serverFiles;
    private final List<RevokedCertificate> revoked = new ArrayList<>();

    public TestPki(Path dir) throws IOException {
        this.dir = dir;
        Instant now = Instant.now();
        this.ca = CertificateAuthority.create("Kizuna Test CA", now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(30)));
        IssuedCertificate server = ca.issueServer("test-node", List.of("localhost"), List.of("127.0.0.1"),
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
        Path chain = write("server.pem", Pem.encodeCertificates(server.chain()));
        Path key = write("server.key.pem", Pem.encodePrivateKey(server.privateKey()));
        Path caPem = write("ca.pem", Pem.encodeCertificates(List.of(ca.certificate())));
        this.serverFiles = new TlsFiles(chain, key, caPem);
    }

    public TlsFiles serverFiles() {
        return serverFiles;
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** A valid client certificate with common name {@code name}. */
    public IssuedCertificate client(String name) {
        Instant now = Instant.now();
        return ca.issueClient(name, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(5)));
    }

    /** A client certificate of the node CA that expired yesterday. */
    public IssuedCertificate expiredClient(String name) {
        Instant now = Instant.now();
        return ca.issueClient(name, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
    }

    /** A client certificate signed by a CA the node does not trust. */
    public static IssuedCertificate foreignClient(String name) {
        Instant now = Instant.now();
        CertificateAuthority other = CertificateAuthority.create("Some Other CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        return other.issueClient(name, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(5)));
    }

    /**
     * Revokes {@code certificates}: replaces {@code crl.pem} next to the CA atomically, as
     * {@code kizuna pki revoke} does, with every earlier revocation and the next CRL number.
     */
    public synchronized void revoke(IssuedCertificate... certificates) throws IOException {
        for (IssuedCertificate c : certificates) {
            revoked.add(new RevokedCertificate(c.certificate().getSerialNumber(), Instant.now(),
                    RevocationReason.KEY_COMPROMISE));
        }
        writeCrl(CertificateRevocationList.sign(ca, revoked, BigInteger.valueOf(revoked.size()), Instant.now()));
    }

    /** Replaces {@code crl.pem} atomically with {@code crl}. */
    public void writeCrl(CertificateRevocationList crl) throws IOException {
        Path temporary = write("crl.pem.tmp", crl.toPem());
        Files.move(temporary, serverFiles.crlPem(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The node CA, to mint CRLs of its own (older ones, say). */
    public CertificateAuthority ca() {
        return ca;
    }

    /** A client TLS context presenting {@code client} and trusting the node CA. */
    public SSLContext clientContext(IssuedCertificate client) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", client.privateKey(), PASSWORD, client.chain().toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build client TLS context", e);
        }
    }

    /** A TLS context that trusts the node CA and presents no certificate (a browser). */
    public SSLContext trustOnlyContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build trust-only TLS context", e);
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
