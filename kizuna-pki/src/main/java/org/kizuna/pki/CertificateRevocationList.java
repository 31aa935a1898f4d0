package org.kizuna.pki;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A node's certificate revocation list: an X.509 v2 CRL signed by the node CA, with a CRL number
 * that grows by one with each new list (a node refuses a list older than the one it holds).
 *
 * <p>The list is the only record of what is revoked: a new revocation reads the current list,
 * checks its signature, and signs a new one holding every earlier entry plus the new one.
 *
 * <p>{@code nextUpdate} is set a year ahead ({@link #VALIDITY}). Kizuna nodes keep using the
 * newest list they hold past that date (the node is its own CRL issuer, so a later list would
 * come from the same place); it is there for other relying parties, which expect one.
 */
public final class CertificateRevocationList {

    /** How far ahead {@code nextUpdate} is set. */
    public static final java.time.Duration VALIDITY = java.time.Duration.ofDays(365);

    private final X509CRL crl;
    private final BigInteger number;
    private final List<RevokedCertificate> entries;

    private CertificateRevocationList(X509CRL crl) {
        this.crl = crl;
        this.number = crlNumber(crl);
        List<RevokedCertificate> list = new ArrayList<>();
        if (crl.getRevokedCertificates() != null) {
            for (X509CRLEntry e : crl.getRevokedCertificates()) {
                list.add(new RevokedCertificate(e.getSerialNumber(), e.getRevocationDate().toInstant(),
                        e.getRevocationReason() == null ? RevocationReason.UNSPECIFIED
                                : RevocationReason.ofCode(e.getRevocationReason().ordinal())));
            }
        }
        list.sort(Comparator.comparing(RevokedCertificate::revokedAt).thenComparing(RevokedCertificate::serial));
        this.entries = List.copyOf(list);
    }

    /**
     * The list in {@code file}, checked against {@code ca}: issued by it and signed with its key.
     *
     * @throws PkiException if the file holds no CRL, or one {@code ca} did not sign
     */
    public static CertificateRevocationList read(Path file, X509Certificate ca) throws IOException {
        X509CRL crl;
        try (InputStream in = Files.newInputStream(file)) {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        } catch (CRLException | java.security.cert.CertificateException e) {
            throw new PkiException(file + " holds no readable CRL: " + e.getMessage(), e);
        }
        if (crl == null || !crl.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            throw new PkiException(file + " is not a CRL of '" + ca.getSubjectX500Principal().getName() + "'");
        }
        try {
            crl.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new PkiException(file + " is not signed by the CA '" + ca.getSubjectX500Principal().getName()
                    + "': " + e.getMessage(), e);
        }
        return new CertificateRevocationList(crl);
    }

    /** A new list: these entries plus {@code added}, the next number, signed by {@code ca}. */
    public CertificateRevocationList with(RevokedCertificate added, CertificateAuthority ca, Instant now) {
        if (find(added.serial()).isPresent()) {
            throw new PkiException("serial " + added.serialHex() + " is already revoked");
        }
        List<RevokedCertificate> all = new ArrayList<>(entries);
        all.add(added);
        return sign(ca, all, number.add(BigInteger.ONE), now);
    }

    /**
     * Signs a list of {@code entries} with {@code number}, issued {@code now}. {@link NodeRevocations}
     * is the way a node revokes; tests mint lists (older, foreign) with this.
     */
    public static CertificateRevocationList sign(CertificateAuthority ca, List<RevokedCertificate> entries, BigInteger number,
                                          Instant now) {
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(thisUpdate.plus(VALIDITY)));
            for (RevokedCertificate e : entries) {
                builder.addCRLEntry(e.serial(), Date.from(e.revokedAt()), e.reason().code());
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            X509CRLHolder holder = builder.build(
                    new JcaContentSignerBuilder(CertificateAuthority.SIGNATURE_ALGORITHM).build(ca.privateKey()));
            return new CertificateRevocationList(new JcaX509CRLConverter().getCRL(holder));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot sign a CRL with '" + ca.commonName() + "'", e);
        }
    }

    public X509CRL crl() {
        return crl;
    }

    /** The CRL number: one more than the list it replaced. */
    public BigInteger number() {
        return number;
    }

    public Instant thisUpdate() {
        return crl.getThisUpdate().toInstant();
    }

    public Instant nextUpdate() {
        return crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
    }

    /** Every entry, oldest revocation first. */
    public List<RevokedCertificate> entries() {
        return entries;
    }

    public Optional<RevokedCertificate> find(BigInteger serial) {
        return entries.stream().filter(e -> e.serial().equals(serial)).findFirst();
    }

    /** {@code BEGIN X509 CRL} text, what OpenSSL's {@code crl} command and the JDK read. */
    public String toPem() {
        try {
            return Pem.block("X509 CRL", crl.getEncoded());
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode the CRL", e);
        }
    }

    private static BigInteger crlNumber(X509CRL crl) {
        byte[] extension = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (extension == null) {
            return BigInteger.ZERO; // not one of ours; any list of ours is newer
        }
        try {
            return ASN1Integer.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getValue();
        } catch (IllegalArgumentException e) {
            throw new PkiException("the CRL number of the CRL is malformed: " + e.getMessage(), e);
        }
    }
}
