package org.kizuna.app.enroll;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.pki.NodePki;
import org.kizuna.server.http.auth.PasswordHash;
import org.kizuna.store.account.AccountRow;

/**
 * A node with the enrollment port open on loopback, its own CA, the web account {@code alice}
 * (group Blue, password {@link #PASSWORD}), and two certificate clients made the usual way: bob
 * in Blue and carol in Red. Calls go over real TLS, trusting only the node CA.
 */
final class EnrollingNode implements AutoCloseable {

    static final String PASSWORD = "pw-alice-long";

    final Path data;
    final RunningNode node;
    private final HttpClient http;

    EnrollingNode(Path dir) throws Exception {
        data = dir.resolve("data");
        NodePki pki = NodePki.in(data);
        pki.init("jpn-1", List.of("localhost", "127.0.0.1"));
        pki.issueClient("bob", null, "127.0.0.1", 8089);
        pki.issueClient("carol", null, "127.0.0.1", 8089);
        Path yaml = Files.writeString(dir.resolve("kizuna.yaml"), """
                node: {id: jpn-1}
                streaming: {tls: {bind: 127.0.0.1, port: 0}}
                http: {bind: 127.0.0.1, port: 0}
                clients:
                  bob: {groups: [Blue]}
                  carol: {groups: [Red]}
                """);
        node = RunningNode.start(NodeConfigLoader.load(yaml, data));
        node.history().orElseThrow().store().accounts().add(new AccountRow("alice",
                new PasswordHash(PasswordHash.Cost.DEFAULT).hash(PASSWORD.toCharArray()), "viewer", Set.of("Blue"),
                Instant.now()));
        http = HttpClient.newBuilder().sslContext(trustingCa()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    int port() {
        return node.web().orElseThrow().enrollmentPort();
    }

    String base() {
        return "https://127.0.0.1:" + port();
    }

    Path caPem() {
        return data.resolve("pki").resolve("ca.pem");
    }

    HttpResponse<byte[]> get(String path, String name, String password) throws IOException, InterruptedException {
        return http.send(request(path, name, password).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String name, String password, String accept, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path, name, password).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A web login at 8443, for the shared login delays. */
    int webLogin(String name, String password) throws IOException, InterruptedException {
        String url = "https://127.0.0.1:" + node.web().orElseThrow().port() + "/api/login";
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpRequest.Builder request(String path, String name, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20));
        if (name != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (name + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    SSLContext trustingCa() throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", NodePki.in(data).caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** An RSA key pair of {@code bits}. */
    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    /** A PEM CSR for {@code keys} asking for {@code subject} (which the node must ignore). */
    static String csr(KeyPair keys, String subject) throws Exception {
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())).getEncoded();
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    static X509Certificate certificate(String base64Der) throws Exception {
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(base64Der)));
    }

    @Override
    public void close() {
        node.close();
    }
}
