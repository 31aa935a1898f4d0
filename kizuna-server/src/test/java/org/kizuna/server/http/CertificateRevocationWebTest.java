package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.pki.IssuedCertificate;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.WebClient;
import org.kizuna.server.tls.Revocations;

/** The HTTPS listener's certificate callers (TAK clients on the Marti API, certificate live feeds) and the CRL. */
class CertificateRevocationWebTest {

    @TempDir
    Path dir;
    RunningWeb node;
    final List<Revocations.Closed> closed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        node = new RunningWeb(dir, Map.of(), new MemoryAccounts());
        node.server().revocations().onClosed(closed::add);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aRevokedCertificatesLiveFeedClosesWithinTwoSecondsAndItsNextCallIsRefused() throws Exception {
        IssuedCertificate alice = node.pki().client("alice");
        SSLContext bob = node.pki().clientContext(node.pki().client("bob"));
        try (WebClient.Live feed = new WebClient(node.pki().clientContext(alice), node.base()).live(node.origin());
             WebClient.Live bobsFeed = new WebClient(bob, node.base()).live(node.origin())) {
            assertThat(status(node.pki().clientContext(alice))).isEqualTo(200);

            long revokedAt = System.nanoTime();
            node.pki().revoke(alice);
            String how = feed.awaitClosed();

            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).as("closed after " + how)
                    .isLessThan(Duration.ofSeconds(2));
            // the feed, and the kept-alive connection of the first call: one sweep closes both, but the
            // feed's client can see its close before the sweep has reported the second one
            Await.until(() -> closed.size() >= 2, "both of alice's connections reported closed");
            assertThat(closed).hasSize(2).allSatisfy(c -> {
                assertThat(c.listener()).isEqualTo("https");
                assertThat(c.subject()).isEqualTo("CN=alice");
            });
            Throwable refused = catchThrowable(() -> status(node.pki().clientContext(alice)));
            assertThat(refused).as("a new connection with the revoked certificate").isInstanceOf(IOException.class);
            // the JDK's client tries a GET whose connection failed once more
            assertThat(node.count("kizuna.tls.refused", "revoked")).isBetween(1.0, 2.0);
            assertThat(status(bob)).isEqualTo(200);
            assertThat(bobsFeed.all()).isNotEmpty();
        }
    }

    /** A certificate call on a new connection: the Marti contact list a TAK client fetches. */
    private int status(SSLContext tls) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create(node.base() + "/Marti/api/clientEndPoints"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
