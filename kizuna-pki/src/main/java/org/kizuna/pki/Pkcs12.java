package org.kizuna.pki;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEOutputEncryptorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;

/**
 * PKCS#12 ({@code .p12}) files as TAK clients import them: a key store with a client key and its
 * chain, and a trust store holding only CA certificates.
 *
 * <p><b>Algorithms, and why.</b> Both the key bag and the certificate bags are encrypted with
 * {@code pbeWithSHAAnd3-KeyTripleDES-CBC} and the file is protected by an HMAC-SHA1 MAC (2048
 * iterations each). That is the classic PKCS#12 profile every consumer we target reads: ATAK on
 * old Android releases (which cannot read the PBES2/AES and HMAC-SHA256 that Java 17 and
 * OpenSSL 3 write by default), iTAK, WinTAK, Java's {@code KeyStore.getInstance("PKCS12")}, and
 * OpenSSL 3 without {@code -legacy} (unlike the RC2-40 certificate encryption of older tools). The
 * password of these files is a transport formality ({@code atakatak} by convention); the real
 * protection of a client key is handing the file only to its owner.
 *
 * <p>Trust-store certificates carry Java's "trusted for any purpose" bag attribute, without which
 * the JDK's PKCS#12 key store silently hides certificates that have no private key.
 *
 * <pre>{@code
 * byte[] clientP12 = Pkcs12.keyStore(alice, "alice", "atakatak".toCharArray());
 * byte[] trustP12 = Pkcs12.trustStore(List.of(ca.certificate()), "atakatak".toCharArray());
 * }</pre>
 */
public final class Pkcs12 {

    /** The password TAK tooling uses by default for every {@code .p12}; clients expect it. */
    public static final String DEFAULT_PASSWORD = "atakatak";

    private static final int ITERATIONS = 2048;
    /** Oracle's trustedKeyUsage bag attribute (2.16.840.1.113894.746875.1.1), as keytool writes it. */
    private static final ASN1ObjectIdentifier JAVA_TRUSTED_KEY_USAGE = new ASN1ObjectIdentifier("2.16.840.1.113894.746875.1.1");

    private Pkcs12() {
    }

    /** A key store holding {@code issued}'s key and chain under {@code alias}. */
    public static byte[] keyStore(IssuedCertificate issued, String alias, char[] password) {
        return keyStore(issued.privateKey(), issued.chain(), alias, password);
    }

    /**
     * A key store with one private key entry: {@code key} with {@code chain} (end entity first).
     * Only the end-entity bag is linked to the key (by localKeyId and friendlyName).
     */
    public static byte[] keyStore(PrivateKey key, List<X509Certificate> chain, String alias, char[] password) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a key store entry needs at least the key's own certificate");
        }
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            var localKeyId = utils.createSubjectKeyIdentifier(chain.get(0).getPublicKey());
            List<PKCS12SafeBag> certificateBags = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                PKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) {
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
                }
                certificateBags.add(bag.build());
            }
            PKCS12SafeBag keyBag = new JcaPKCS12SafeBagBuilder(key, encryptor(password))
                    .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias))
                    .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId)
                    .build();
            return new PKCS12PfxPduBuilder()
                    .addEncryptedData(encryptor(password), certificateBags.toArray(PKCS12SafeBag[]::new))
                    .addData(keyBag)
                    .build(mac(), password)
                    .getEncoded();
        } catch (IOException | PKCSException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build PKCS#12 key store for '" + alias + "'", e);
        }
    }

    /**
     * A trust store holding {@code certificates} (usually just the CA), each under its subject
     * common name as alias.
     */
    public static byte[] trustStore(List<X509Certificate> certificates, char[] password) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a trust store needs at least one certificate");
        }
        try {
            List<PKCS12SafeBag> bags = new ArrayList<>();
            for (X509Certificate certificate : certificates) {
                bags.add(new JcaPKCS12SafeBagBuilder(certificate)
                        .addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName,
                                new DERBMPString(DistinguishedNames.commonName(certificate)))
                        .addBagAttribute(JAVA_TRUSTED_KEY_USAGE, KeyPurposeId.anyExtendedKeyUsage)
                        .build());
            }
            return new PKCS12PfxPduBuilder()
                    .addEncryptedData(encryptor(password), bags.toArray(PKCS12SafeBag[]::new))
                    .build(mac(), password)
                    .getEncoded();
        } catch (IOException | PKCSException e) {
            throw new IllegalStateException("cannot build PKCS#12 trust store", e);
        }
    }

    private static OutputEncryptor encryptor(char[] password) {
        return new BcPKCS12PBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                CBCBlockCipher.newInstance(new DESedeEngine()))
                .setIterationCount(ITERATIONS)
                .build(password);
    }

    private static BcPKCS12MacCalculatorBuilder mac() {
        // The no-argument builder is HMAC-SHA1, the MAC every PKCS#12 reader understands.
        return new BcPKCS12MacCalculatorBuilder().setIterationCount(ITERATIONS);
    }
}
