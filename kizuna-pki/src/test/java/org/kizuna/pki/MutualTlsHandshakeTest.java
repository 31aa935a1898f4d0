package org.kizuna.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole chain end to end over a loopback socket: a server configured from the PEM files
 * {@link NodePki} writes, and a client configured only from the two {@code .p12} files inside the
 * data package with the passwords its preferences name, as a TAK client would.
 */
class MutualTlsHandshakeTest {

    private static final char[] PASSWORD = "atakatak".toCharArray();

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void packagedClientAndNodeServerCompleteMutualTls(String protocol) throws Exception {
        NodePki pki = NodePki.in(data);
        pki.init("tokyo", List.of("localhost", "127.0.0.1"));
        NodePki.ClientFiles alice = pki.issueClient("alice", null, "localhost", 8089);
        Map<String, byte[]> zip = TakConnectionPackageTest.unzip(Files.readAllBytes(alice.dataPackage()));
        SSLContext client = context(protocol, load(zip.get("certs/alice-tokyo.p12")),
                load(zip.get("certs/truststore-tokyo.p12")));

        assertThat(handshake(serverContext(pki, protocol), client, protocol)).isEqualTo("CN=alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void serverRefusesClientsOfAForeignCaAndExpiredClients(String protocol) throws Exception {
        NodePki pki = NodePki.in(data);
        pki.init("tokyo", List.of("localhost"));
        KeyStore trust = load(Files.readAllBytes(pki.trustStoreFile()));
        Instant now = Instant.now();
        IssuedCertificate foreign = CertificateAuthority.create("tokyo Kizuna CA", Duration.ofDays(1))
                .issueClient("alice", now, now.plus(Duration.ofHours(1)));
        IssuedCertificate expired = pki.loadCa().issueClient("bob", now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));

        assertThatThrownBy(() -> handshake(serverContext(pki, protocol), clientOf(foreign, trust, protocol), protocol))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("Path does not chain with any of the trust anchors");
        assertThatThrownBy(() -> handshake(serverContext(pki, protocol), clientOf(expired, trust, protocol), protocol))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(CertificateExpiredException.class);
    }

    private static SSLContext clientOf(IssuedCertificate identity, KeyStore trust, String protocol) throws Exception {
        return context(protocol, load(Pkcs12.keyStore(identity, "client", PASSWORD)), trust);
    }

    /** Server side as the node will set it up: key and chain from PEM, trust from ca.pem. */
    private static SSLContext serverContext(NodePki pki, String protocol) throws Exception {
        IssuedCertificate server = pki.loadServer();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", server.privateKey(), PASSWORD,
                server.chain().toArray(java.security.cert.Certificate[]::new));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", Pem.readCertificates(pki.caCertificateFile()).get(0));
        return context(protocol, keys, trust);
    }

    /** Runs one handshake; returns the client subject the server saw, or fails with the server's error. */
    private static String handshake(SSLContext server, SSLContext client, String protocol) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            listener.setEnabledProtocols(new String[] {protocol});
            listener.setSoTimeout(10_000);
            CompletableFuture<String> accepted = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.startHandshake();
                    String peer = socket.getSession().getPeerPrincipal().getName();
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                    return peer;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                socket.setEnabledProtocols(new String[] {protocol});
                var parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName("localhost")));
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                socket.getInputStream().read();
            } catch (IOException expectedWhenRejected) {
                // The server's side, checked below, says why.
            }
            return accepted.get(20, TimeUnit.SECONDS);
        }
    }

    private static SSLContext context(String protocol, KeyStore keys, KeyStore trust) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(byte[] p12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(p12), PASSWORD);
        return store;
    }
}
