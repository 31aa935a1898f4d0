package org.kizuna.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TakConnectionPackageTest {

    private static final char[] PASSWORD = "atakatak".toCharArray();

    private static CertificateAuthority ca;
    private static TakConnectionPackage connectionPackage;

    @BeforeAll
    static void build() {
        ca = CertificateAuthority.create("tokyo Kizuna CA", Duration.ofDays(10));
        IssuedCertificate alice = ca.issueClient("alice", Instant.now(), Instant.now().plus(Duration.ofDays(1)));
        connectionPackage = new TakConnectionPackage(new TakServerEndpoint("tokyo", "tak.example.jp", 8089), "alice",
                Pkcs12.trustStore(List.of(ca.certificate()), PASSWORD), "atakatak",
                Pkcs12.keyStore(alice, "alice", "s3cret&<".toCharArray()), "s3cret&<");
    }

    @Test
    void zipHoldsManifestFirstAndEveryEntryItLists() throws Exception {
        Map<String, byte[]> zip = unzip(connectionPackage.toZip());

        assertThat(zip.keySet()).containsExactly("MANIFEST/manifest.xml", "certs/tokyo.pref",
                "certs/truststore-tokyo.p12", "certs/alice-tokyo.p12");
        Document manifest = parse(zip.get("MANIFEST/manifest.xml"));
        Element root = manifest.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("MissionPackageManifest");
        assertThat(root.getAttribute("version")).isEqualTo("2");
        Map<String, String> configuration = parameters(manifest);
        assertThat(configuration).containsEntry("uid", connectionPackage.uid().toString())
                .containsEntry("name", "tokyo - alice")
                .containsEntry("onReceiveDelete", "true");
        NodeList contents = manifest.getElementsByTagName("Content");
        List<String> listed = new java.util.ArrayList<>();
        for (int i = 0; i < contents.getLength(); i++) {
            Element content = (Element) contents.item(i);
            assertThat(content.getAttribute("ignore")).isEqualTo("false");
            listed.add(content.getAttribute("zipEntry"));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(
                zip.keySet().stream().filter(name -> !name.equals("MANIFEST/manifest.xml")).toList());
    }

    @Test
    void preferencesConnectOverSslWithTheBundledCertificates() throws Exception {
        Map<String, byte[]> zip = unzip(connectionPackage.toZip());
        Map<String, Map<String, String>> prefs = preferences(parse(zip.get("certs/tokyo.pref")));

        Map<String, String> streams = prefs.get("cot_streams");
        assertThat(streams).containsEntry("count", "1")
                .containsEntry("description0", "tokyo")
                .containsEntry("enabled0", "true")
                .containsEntry("connectString0", "tak.example.jp:8089:ssl")
                .containsEntry("caLocation0", "cert/truststore-tokyo.p12")
                .containsEntry("caPassword0", "atakatak")
                .containsEntry("certificateLocation0", "cert/alice-tokyo.p12")
                .containsEntry("clientPassword0", "s3cret&<");
        assertThat(prefs.get("com.atakmap.app_preferences"))
                .containsEntry("caLocation", "cert/truststore-tokyo.p12")
                .containsEntry("certificateLocation", "cert/alice-tokyo.p12")
                .containsEntry("clientPassword", "s3cret&<")
                .containsEntry("caPassword", "atakatak");
    }

    @Test
    void bothBundledStoresLoadWithTheirPasswords() throws Exception {
        Map<String, byte[]> zip = unzip(connectionPackage.toZip());

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(new ByteArrayInputStream(zip.get("certs/truststore-tokyo.p12")), PASSWORD);
        assertThat(trust.getCertificate(trust.aliases().nextElement())).isEqualTo(ca.certificate());
        KeyStore client = KeyStore.getInstance("PKCS12");
        client.load(new ByteArrayInputStream(zip.get("certs/alice-tokyo.p12")), "s3cret&<".toCharArray());
        assertThat(client.isKeyEntry("alice")).isTrue();
    }

    @Test
    void uidIsStablePerNodeAndClient() {
        TakConnectionPackage again = new TakConnectionPackage(new TakServerEndpoint("tokyo", "other.host", 8090),
                "alice", new byte[1], "a", new byte[1], "b");
        TakConnectionPackage bob = new TakConnectionPackage(new TakServerEndpoint("tokyo", "tak.example.jp", 8089),
                "bob", new byte[1], "a", new byte[1], "b");

        assertThat(again.uid()).isEqualTo(connectionPackage.uid());
        assertThat(bob.uid()).isNotEqualTo(connectionPackage.uid());
    }

    @Test
    void endpointRejectsWhatAConnectStringCannotCarry() {
        assertThatThrownBy(() -> new TakServerEndpoint("tokyo", "::1", 8089))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IPv6");
        assertThatThrownBy(() -> new TakServerEndpoint("tokyo", "host name", 8089))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TakServerEndpoint("tokyo", "host", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TakServerEndpoint("../tokyo", "host", 8089))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new TakServerEndpoint("n", "127.0.0.1", 1).isLoopback()).isTrue();
        assertThat(new TakServerEndpoint("n", "LOCALHOST", 1).isLoopback()).isTrue();
        assertThat(new TakServerEndpoint("n", "10.1.1.1", 1).isLoopback()).isFalse();
    }

    @Test
    void controlCharactersAreRefusedWithoutEchoingThePassword() {
        TakConnectionPackage bad = new TakConnectionPackage(new TakServerEndpoint("tokyo", "h", 1), "alice",
                new byte[1], "a", new byte[1], "zq\u0001xv");

        assertThatThrownBy(bad::preferencesXml).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("zq");
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** preference group name -> key -> value, checking each entry's declared Java class on the way. */
    static Map<String, Map<String, String>> preferences(Document pref) {
        Map<String, Map<String, String>> groups = new HashMap<>();
        NodeList preferences = pref.getElementsByTagName("preference");
        for (int i = 0; i < preferences.getLength(); i++) {
            Element preference = (Element) preferences.item(i);
            Map<String, String> entries = new HashMap<>();
            NodeList children = preference.getElementsByTagName("entry");
            for (int j = 0; j < children.getLength(); j++) {
                Element entry = (Element) children.item(j);
                assertThat(entry.getAttribute("class")).matches("class java\\.lang\\.(String|Boolean|Integer)");
                entries.put(entry.getAttribute("key"), entry.getTextContent());
            }
            groups.put(preference.getAttribute("name"), entries);
        }
        return groups;
    }

    private static Map<String, String> parameters(Document manifest) {
        Map<String, String> parameters = new HashMap<>();
        Element configuration = (Element) manifest.getElementsByTagName("Configuration").item(0);
        NodeList list = configuration.getElementsByTagName("Parameter");
        for (int i = 0; i < list.getLength(); i++) {
            Element parameter = (Element) list.item(i);
            parameters.put(parameter.getAttribute("name"), parameter.getAttribute("value"));
        }
        return parameters;
    }
}
