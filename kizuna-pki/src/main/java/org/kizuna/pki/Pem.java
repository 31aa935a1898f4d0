package org.kizuna.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM text for certificates and private keys, in the forms OpenSSL, Netty and TAK tooling use.
 *
 * <p>Keys are written as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}); file permissions, not a
 * passphrase, protect them (see {@link NodePki}). Reading also accepts the older PKCS#1
 * {@code BEGIN RSA PRIVATE KEY} form that {@code openssl genrsa} and TAK Server's scripts produce.
 *
 * <pre>{@code
 * String text = Pem.encodeCertificates(issued.chain());
 * List<X509Certificate> back = Pem.decodeCertificates(text);
 * }</pre>
 */
public final class Pem {

    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    /** {@code BEGIN CERTIFICATE} blocks, one per certificate, in list order. */
    public static String encodeCertificates(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                out.append(block("CERTIFICATE", certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("certificate cannot be encoded: "
                        + certificate.getSubjectX500Principal(), e);
            }
        }
        return out.toString();
    }

    /** One {@code BEGIN PRIVATE KEY} (unencrypted PKCS#8) block. */
    public static String encodePrivateKey(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("key does not encode as PKCS#8: " + key.getFormat());
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** Every certificate in the text, in order; other PEM blocks (keys) are skipped. */
    public static List<X509Certificate> decodeCertificates(String pem) {
        try {
            return readCertificates(new StringReader(pem), "PEM text");
        } catch (IOException e) {
            throw new PkiException("malformed PEM text: " + e.getMessage(), e);
        }
    }

    /** The first private key in the text; see {@link #readPrivateKey(Path)}. */
    public static PrivateKey decodePrivateKey(String pem) {
        try {
            return readPrivateKey(new StringReader(pem), "PEM text");
        } catch (IOException e) {
            throw new PkiException("malformed PEM text: " + e.getMessage(), e);
        }
    }

    /** Every certificate in a PEM file, in order. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return readCertificates(reader, file.toString());
        }
    }

    /**
     * The first private key in a PEM file: PKCS#8 ({@code PRIVATE KEY}) or PKCS#1
     * ({@code RSA PRIVATE KEY}).
     *
     * @throws PkiException if the file holds no key or only an encrypted one
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return readPrivateKey(reader, file.toString());
        }
    }

    private static List<X509Certificate> readCertificates(Reader reader, String source) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException | IllegalArgumentException | IllegalStateException e) {
            throw new PkiException(source + " holds a certificate that cannot be read: " + e.getMessage(), e);
        }
        return certificates;
    }

    private static PrivateKey readPrivateKey(Reader reader, String source) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo pkcs8) {
                    return converter.getPrivateKey(pkcs8);
                }
                if (item instanceof PEMKeyPair pkcs1) {
                    return converter.getKeyPair(pkcs1).getPrivate();
                }
                if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new PkiException(source + " holds an encrypted private key; decrypt it first, e.g. "
                            + "'openssl pkey -in KEY -out KEY.pem'");
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new PkiException(source + " holds a private key that cannot be read: " + e.getMessage(), e);
        }
        throw new PkiException(source + " holds no private key");
    }

    static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
