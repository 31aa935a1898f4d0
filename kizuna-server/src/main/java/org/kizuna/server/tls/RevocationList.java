package org.kizuna.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * One certificate revocation list as a node holds it in memory: the serials its CA revoked,
 * checked once when read (issued and signed by a CA the node trusts). Immutable.
 *
 * <p>A certificate is on the list when its issuer is the list's issuer and its serial is listed;
 * a certificate of another CA (a federation partner's) never is.
 */
public final class RevocationList {

    /** No CRL: nothing is revoked. */
    public static final RevocationList EMPTY = new RevocationList(null, BigInteger.ZERO, Map.of());

    /** The CRL number extension (RFC 5280, 5.2.3). */
    private static final String CRL_NUMBER = "2.5.29.20";

    /** One revoked certificate. {@code reason} is the CRLReason in words ({@code key-compromise}). */
    public record Entry(BigInteger serial, Instant revokedAt, String reason) {
    }

    private final X500Principal issuer;
    private final BigInteger number;
    private final Map<BigInteger, Entry> entries;

    private RevocationList(X500Principal issuer, BigInteger number, Map<BigInteger, Entry> entries) {
        this.issuer = issuer;
        this.number = number;
        this.entries = Map.copyOf(entries);
    }

    /**
     * Reads a PEM or DER CRL and checks it was issued and signed by one of {@code trusted}.
     *
     * @throws IOException naming the file when it cannot be read, parsed or verified
     */
    public static RevocationList read(Path file, List<X509Certificate> trusted) throws IOException {
        X509CRL crl;
        try (InputStream in = Files.newInputStream(file)) {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        } catch (CRLException | java.security.cert.CertificateException | ClassCastException e) {
            throw new IOException(file + " holds no readable CRL: " + e.getMessage(), e);
        }
        X509Certificate ca = trusted.stream()
                .filter(c -> c.getSubjectX500Principal().equals(crl.getIssuerX500Principal()))
                .findFirst()
                .orElseThrow(() -> new IOException(file + " is a CRL of '" + crl.getIssuerX500Principal().getName()
                        + "', which is not a CA this node trusts"));
        try {
            crl.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not signed by '" + ca.getSubjectX500Principal().getName() + "': "
                    + e.getMessage(), e);
        }
        Map<BigInteger, Entry> entries = new HashMap<>();
        if (crl.getRevokedCertificates() != null) {
            for (X509CRLEntry e : crl.getRevokedCertificates()) {
                String reason = e.getRevocationReason() == null ? "unspecified"
                        : e.getRevocationReason().name().toLowerCase(Locale.ROOT).replace('_', '-');
                entries.put(e.getSerialNumber(), new Entry(e.getSerialNumber(), e.getRevocationDate().toInstant(), reason));
            }
        }
        return new RevocationList(crl.getIssuerX500Principal(), number(crl, file), entries);
    }

    /** The entry of {@code certificate} when this list revokes it. */
    public Optional<Entry> find(X509Certificate certificate) {
        if (issuer == null || !issuer.equals(certificate.getIssuerX500Principal())) {
            return Optional.empty();
        }
        return Optional.ofNullable(entries.get(certificate.getSerialNumber()));
    }

    /** The CRL number; 0 for {@link #EMPTY} and for a CRL without one. */
    public BigInteger number() {
        return number;
    }

    public int size() {
        return entries.size();
    }

    /**
     * The CRL number extension's INTEGER, read by hand: the JDK gives the extension's DER bytes
     * only, an OCTET STRING around the INTEGER (which is therefore the last thing in them).
     */
    private static BigInteger number(X509CRL crl, Path file) throws IOException {
        byte[] der = crl.getExtensionValue(CRL_NUMBER);
        if (der == null) {
            return BigInteger.ZERO;
        }
        try {
            int integer = contentOf(der, 0, 0x04);
            return new BigInteger(Arrays.copyOfRange(der, contentOf(der, integer, 0x02), der.length));
        } catch (RuntimeException e) {
            throw new IOException(file + " has a malformed CRL number", e);
        }
    }

    /** Where the content of the DER element at {@code offset}, which must have {@code tag}, starts. */
    private static int contentOf(byte[] der, int offset, int tag) {
        if ((der[offset] & 0xff) != tag) {
            throw new IllegalArgumentException("expected DER tag " + tag + " at " + offset);
        }
        int length = der[offset + 1] & 0xff;
        return offset + 2 + (length < 0x80 ? 0 : length & 0x7f);
    }
}
