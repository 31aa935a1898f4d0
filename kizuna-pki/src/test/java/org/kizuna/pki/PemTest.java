package org.kizuna.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    private static CertificateAuthority ca;
    private static IssuedCertificate client;

    @BeforeAll
    static void issue() {
        ca = CertificateAuthority.create("Pem CA", Duration.ofDays(10));
        client = ca.issueClient("alice", Instant.now(), Instant.now().plus(Duration.ofDays(1)));
    }

    @Test
    void certificateChainRoundTripsInOrder(@TempDir Path dir) throws Exception {
        String pem = Pem.encodeCertificates(client.chain());

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(pem.lines()).allMatch(line -> line.length() <= 64);
        assertThat(Pem.decodeCertificates(pem)).containsExactlyElementsOf(client.chain());
        Path file = Files.writeString(dir.resolve("chain.pem"), pem);
        assertThat(Pem.readCertificates(file)).containsExactlyElementsOf(client.chain());
    }

    @Test
    void privateKeyRoundTripsAsPkcs8(@TempDir Path dir) throws Exception {
        String pem = Pem.encodePrivateKey(client.privateKey());

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Pem.decodePrivateKey(pem)).isEqualTo(client.privateKey());
        Path file = Files.writeString(dir.resolve("key.pem"), pem);
        assertThat(Pem.readPrivateKey(file)).isEqualTo(client.privateKey());
    }

    @Test
    void readsPkcs1RsaPrivateKeysAsOpensslGenrsaWritesThem() throws Exception {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(client.privateKey().getEncoded());
        String pkcs1 = write(new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded()));

        PrivateKey key = Pem.decodePrivateKey(pkcs1);

        assertThat(key.getEncoded()).isEqualTo(client.privateKey().getEncoded());
    }

    @Test
    void keyAndCertificatesMayShareOneFile() {
        String combined = Pem.encodePrivateKey(client.privateKey()) + Pem.encodeCertificates(client.chain());

        assertThat(Pem.decodeCertificates(combined)).hasSize(2);
        assertThat(Pem.decodePrivateKey(combined)).isEqualTo(client.privateKey());
    }

    @Test
    void refusesEncryptedMissingAndMalformedKeys() throws Exception {
        String encrypted = write(new JcaPKCS8Generator(client.privateKey(),
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.PBE_SHA1_3DES)
                        .setPassword("secret".toCharArray()).build()).generate());

        assertThatThrownBy(() -> Pem.decodePrivateKey(encrypted))
                .isInstanceOf(PkiException.class).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> Pem.decodePrivateKey(Pem.encodeCertificates(client.chain())))
                .isInstanceOf(PkiException.class).hasMessageContaining("no private key");
        assertThatThrownBy(() -> Pem.decodeCertificates("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(PkiException.class);
        assertThat(Pem.decodeCertificates("no pem here")).isEmpty();
    }

    @Test
    void certificatesAreNotConfusedWithEachOther() {
        List<X509Certificate> decoded = Pem.decodeCertificates(Pem.encodeCertificates(List.of(ca.certificate())));

        assertThat(decoded).containsExactly(ca.certificate());
    }

    private static String write(Object pemObject) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(pemObject);
        }
        return text.toString();
    }
}
