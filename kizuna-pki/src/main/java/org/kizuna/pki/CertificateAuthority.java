package org.kizuna.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * A certificate authority that issues the server and client certificates of one node.
 *
 * <p>Everything is RSA 2048 with SHA256withRSA: TAK clients (ATAK on old Android, iTAK, WinTAK)
 * and TAK Server's own streaming port accept RSA only. Serial numbers are 128 random bits.
 * Validity times are truncated to whole seconds, the precision X.509 stores.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create("JPN node CA", Duration.ofDays(3650));
 * Instant now = Instant.now();
 * IssuedCertificate server = ca.issueServer("tokyo", List.of("tak.example.jp"), List.of("10.0.0.5"),
 *         now, now.plus(Duration.ofDays(730)));
 * IssuedCertificate alice = ca.issueClient("alice", now, now.plus(Duration.ofDays(365)));
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class CertificateAuthority {

    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    static final int RSA_KEY_BITS = 2048;
    /**
     * How far back {@link #create(String, Duration)} dates a new CA: field devices often run
     * with clocks minutes or hours off, and a CA that is "not yet valid" locks them all out.
     */
    static final Duration BACKDATE = Duration.ofHours(1);

    private static final Pattern DNS_NAME = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?");

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** A new self-signed CA valid from an hour ago (see {@link #BACKDATE}) for {@code validity}. */
    public static CertificateAuthority create(String commonName, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        Instant now = Instant.now();
        return create(commonName, now.minus(BACKDATE), now.plus(validity));
    }

    /** A new self-signed CA with an explicit validity window (tests use this for expired CAs). */
    public static CertificateAuthority create(String commonName, Instant notBefore, Instant notAfter) {
        X500Name subject = DistinguishedNames.of(commonName);
        KeyPair keys = newKeyPair(new SecureRandom());
        // A certificate-less instance only to reach sign(); it never escapes this method.
        CertificateAuthority self = new CertificateAuthority(null, keys.getPrivate());
        X509Certificate certificate = self.sign(subject, null, keys.getPublic(), notBefore, notAfter,
                builder -> {
                    // pathLen 0: this CA signs end entities only, never another CA.
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                });
        return new CertificateAuthority(certificate, keys.getPrivate());
    }

    /**
     * Loads a CA from its PEM certificate (the first certificate in the file) and its PEM private
     * key (PKCS#8 or PKCS#1).
     *
     * @throws PkiException if the files do not hold a CA certificate and the RSA key belonging to it
     */
    public static CertificateAuthority load(Path certificatePem, Path privateKeyPem) throws IOException {
        List<X509Certificate> certificates = Pem.readCertificates(certificatePem);
        if (certificates.isEmpty()) {
            throw new PkiException(certificatePem + " holds no certificate");
        }
        return of(certificates.get(0), Pem.readPrivateKey(privateKeyPem));
    }

    /**
     * A CA from a certificate and key already in memory.
     *
     * @throws PkiException if the certificate is not a CA or the key does not belong to it
     */
    public static CertificateAuthority of(X509Certificate certificate, PrivateKey privateKey) {
        if (certificate.getBasicConstraints() < 0) {
            throw new PkiException("certificate '" + certificate.getSubjectX500Principal().getName()
                    + "' is not a CA certificate (no basicConstraints CA:TRUE)");
        }
        if (!keyBelongsTo(privateKey, certificate)) {
            throw new PkiException("the CA private key does not belong to the CA certificate '"
                    + certificate.getSubjectX500Principal().getName() + "'");
        }
        return new CertificateAuthority(certificate, privateKey);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA's signing key. Whoever holds it can mint identities for this node: keep it on disk, owner-only. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    public String commonName() {
        return DistinguishedNames.commonName(certificate);
    }

    /**
     * Issues a TLS server certificate with a fresh key pair.
     *
     * <p>It carries both the serverAuth and clientAuth extended key usages: a node presents the
     * same identity when it dials a federation partner, and a federation client certificate
     * without clientAuth is rejected without a useful error (TAK federation's most common
     * failure). Hostnames go into subjectAltName only; modern clients ignore the CN for that.
     *
     * @param commonName  subject CN, usually the node name
     * @param dnsNames    DNS names the server is reached by
     * @param ipAddresses IPv4 or IPv6 literals the server is reached by
     * @throws IllegalArgumentException if there is no name at all, a name is malformed, or the
     *                                  validity is empty or outlives the CA
     */
    public IssuedCertificate issueServer(String commonName, List<String> dnsNames, List<String> ipAddresses,
                                         Instant notBefore, Instant notAfter) {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(dns -> names.add(dnsName(dns)));
        ipAddresses.forEach(ip -> names.add(ipAddress(ip)));
        return issueServerWithNames(commonName, names, notBefore, notAfter);
    }

    /**
     * Like {@link #issueServer(String, List, List, Instant, Instant)}, with DNS names and IP
     * addresses mixed in one list. Each entry that is an IP literal becomes an IP SAN, every
     * other a DNS SAN, in the given order (the first one is the address written into client
     * connection packages by default).
     */
    public IssuedCertificate issueServerForHosts(String commonName, List<String> hosts,
                                                 Instant notBefore, Instant notAfter) {
        List<GeneralName> names = new ArrayList<>();
        hosts.forEach(host -> names.add(isIpAddress(host) ? ipAddress(host) : dnsName(host)));
        return issueServerWithNames(commonName, names, notBefore, notAfter);
    }

    /**
     * Issues a TLS client certificate (clientAuth only) with a fresh key pair. The subject is
     * just {@code CN=commonName}: that name is the user's identity on the server.
     *
     * @throws IllegalArgumentException if the validity is empty or outlives the CA
     */
    public IssuedCertificate issueClient(String commonName, Instant notBefore, Instant notAfter) {
        return issue(commonName, notBefore, notAfter, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        });
    }

    /**
     * Signs a client certificate for a key the client made itself (enrollment: the private key
     * never leaves the device). Same profile as {@link #issueClient(String, Instant, Instant)};
     * the subject is {@code CN=commonName} whatever the request asked for.
     *
     * @throws IllegalArgumentException if the validity is empty or outlives the CA
     */
    public X509Certificate signClient(String commonName, PublicKey publicKey, Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            throw new IllegalArgumentException("certificate for '" + commonName + "' would outlive its CA, which expires "
                    + certificate.getNotAfter().toInstant());
        }
        return sign(DistinguishedNames.of(commonName), certificate, publicKey, notBefore, notAfter, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        });
    }

    /** Whether {@code key} is the RSA private key of {@code certificate}'s public key. */
    static boolean keyBelongsTo(PrivateKey key, X509Certificate certificate) {
        return key instanceof RSAPrivateKey rsaKey
                && certificate.getPublicKey() instanceof RSAPublicKey rsaPublic
                && rsaKey.getModulus().equals(rsaPublic.getModulus());
    }

    static boolean isIpAddress(String host) {
        return IPAddress.isValid(host);
    }

    private IssuedCertificate issueServerWithNames(String commonName, List<GeneralName> names,
                                                   Instant notBefore, Instant notAfter) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name or IP address");
        }
        GeneralNames subjectAltNames = new GeneralNames(names.toArray(GeneralName[]::new));
        return issue(commonName, notBefore, notAfter, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            // keyEncipherment too: older clients still negotiate TLS 1.2 RSA key exchange.
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
        });
    }

    private IssuedCertificate issue(String commonName, Instant notBefore, Instant notAfter, ExtensionWriter extensions) {
        X500Name subject = DistinguishedNames.of(commonName);
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            throw new IllegalArgumentException("certificate for '" + commonName + "' would outlive its CA, which expires "
                    + certificate.getNotAfter().toInstant());
        }
        KeyPair keys = newKeyPair(random);
        X509Certificate issued = sign(subject, certificate, keys.getPublic(), notBefore, notAfter, extensions);
        return new IssuedCertificate(issued, keys.getPrivate(), List.of(issued, certificate));
    }

    /** Signs a certificate with this CA's key; {@code issuer == null} means self-signed. */
    private X509Certificate sign(X500Name subject, X509Certificate issuer, PublicKey publicKey,
                                 Instant notBefore, Instant notAfter, ExtensionWriter extensions) {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Date from = Date.from(notBefore.truncatedTo(ChronoUnit.SECONDS));
        Date until = Date.from(notAfter.truncatedTo(ChronoUnit.SECONDS));
        if (!until.after(from)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " must be after notBefore " + notBefore);
        }
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = issuer == null
                    ? new JcaX509v3CertificateBuilder(subject, serialNumber(), from, until, subject, publicKey)
                    : new JcaX509v3CertificateBuilder(issuer, serialNumber(), from, until, subject, publicKey);
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, issuer == null
                    ? utils.createAuthorityKeyIdentifier(publicKey)
                    : utils.createAuthorityKeyIdentifier(issuer));
            extensions.addTo(builder);
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(privateKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            // Only reachable on a JDK without RSA/SHA-256, which Java 17 guarantees.
            throw new IllegalStateException("cannot sign certificate for " + subject, e);
        }
    }

    /** 128 random bits with the top bit set: always positive, always 16 significant bytes. */
    private BigInteger serialNumber() {
        return new BigInteger(128, random).setBit(127);
    }

    private static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_KEY_BITS, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }

    private static GeneralName dnsName(String name) {
        if (name == null || !DNS_NAME.matcher(name).matches() || name.length() > 253) {
            throw new IllegalArgumentException("not a valid DNS name: '" + name + "'");
        }
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static GeneralName ipAddress(String address) {
        if (address == null || !isIpAddress(address)) {
            throw new IllegalArgumentException("not a valid IP address: '" + address + "'");
        }
        return new GeneralName(GeneralName.iPAddress, address);
    }

    @FunctionalInterface
    private interface ExtensionWriter {
        void addTo(X509v3CertificateBuilder builder) throws CertIOException;
    }
}
