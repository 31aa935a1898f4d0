package org.kizuna.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12Test {

    private static final char[] PASSWORD = "atakatak".toCharArray();

    private static CertificateAuthority ca;
    private static IssuedCertificate client;

    @BeforeAll
    static void issue() {
        ca = CertificateAuthority.create("P12 CA", Duration.ofDays(10));
        client = ca.issueClient("alice", Instant.now(), Instant.now().plus(Duration.ofDays(1)));
    }

    @Test
    void keyStoreLoadsInJavaWithKeyAndChain() throws Exception {
        KeyStore store = load(Pkcs12.keyStore(client, "alice", PASSWORD), PASSWORD);

        assertThat(Collections.list(store.aliases())).containsExactly("alice");
        assertThat(store.isKeyEntry("alice")).isTrue();
        assertThat(store.getKey("alice", PASSWORD)).isEqualTo(client.privateKey());
        assertThat(store.getCertificateChain("alice")).containsExactly(client.certificate(), ca.certificate());
    }

    @Test
    void trustStoreLoadsInJavaAsTrustedCertificateEntry() throws Exception {
        KeyStore store = load(Pkcs12.trustStore(List.of(ca.certificate()), PASSWORD), PASSWORD);

        assertThat(Collections.list(store.aliases())).containsExactly("p12 ca");
        assertThat(store.isCertificateEntry("p12 ca")).isTrue();
        Certificate trusted = store.getCertificate("p12 ca");
        assertThat(trusted).isEqualTo(ca.certificate());
    }

    @Test
    void wrongPasswordIsRejected() {
        byte[] p12 = Pkcs12.keyStore(client, "alice", PASSWORD);

        assertThatThrownBy(() -> load(p12, "wrong".toCharArray())).isInstanceOf(IOException.class);
    }

    @Test
    void usesTheLegacyFriendlyTripleDesAndSha1MacProfile() throws Exception {
        PKCS12PfxPdu pfx = new PKCS12PfxPdu(Pkcs12.keyStore(client, "alice", PASSWORD));

        assertThat(pfx.getMacAlgorithmID().getAlgorithm()).isEqualTo(OIWObjectIdentifiers.idSHA1);
        ContentInfo[] contents = pfx.getContentInfos();
        assertThat(contents).hasSize(2);
        ASN1ObjectIdentifier certificateEncryption = EncryptedData.getInstance(contents[0].getContent())
                .getEncryptionAlgorithm().getAlgorithm();
        assertThat(certificateEncryption).isEqualTo(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC);
        assertThat(contents[1].getContentType()).isEqualTo(PKCSObjectIdentifiers.data);
    }

    @Test
    void opensslReadsBothStoresWithoutTheLegacyProvider(@TempDir Path dir) throws Exception {
        OpenSsl.assumeInstalled();
        Files.write(dir.resolve("client.p12"), Pkcs12.keyStore(client, "alice", PASSWORD));
        Files.write(dir.resolve("trust.p12"), Pkcs12.trustStore(List.of(ca.certificate()), PASSWORD));

        OpenSsl.Result clientInfo = OpenSsl.run(dir, "pkcs12", "-info", "-in", "client.p12",
                "-passin", "pass:atakatak", "-nodes");
        OpenSsl.Result trustInfo = OpenSsl.run(dir, "pkcs12", "-info", "-in", "trust.p12",
                "-passin", "pass:atakatak", "-nokeys");

        assertThat(clientInfo.exitCode()).as(clientInfo.output()).isZero();
        assertThat(clientInfo.output()).contains("BEGIN PRIVATE KEY", "subject=CN = alice", "pbeWithSHA1And3-KeyTripleDES-CBC");
        assertThat(trustInfo.exitCode()).as(trustInfo.output()).isZero();
        assertThat(trustInfo.output()).contains("subject=CN = P12 CA").doesNotContain("PRIVATE KEY");
    }

    private static KeyStore load(byte[] p12, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(p12), password);
        return store;
    }
}
