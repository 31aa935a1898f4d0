package org.kizuna.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.core.testing.Events.pli;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.server.stream.SessionContext.SessionLimits;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.RunningServer;
import org.kizuna.server.testing.TestClient;

/**
 * {@code session.maxClients} bounds open connections, TLS handshakes in progress included: sockets
 * that never finish a handshake take slots (until the handshake timeout closes them) and cannot
 * pile up beyond the limit; once they go, their slots are free again.
 */
class ConnectionLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void handshakesInProgressCountAgainstMaxClients() throws Exception {
        // Three connections at most; a handshake may take 30 s, longer than this test waits.
        var limits = new SessionLimits(256, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(30), 3, 5);
        try (RunningServer node = new RunningServer(dir, Map.of(), false, limits);
             TestClient alice = node.connect("alice");
             TestClient bob = node.connect("bob");
             Socket stalled = new Socket("127.0.0.1", node.tlsPort())) { // connects, never says hello
            awaitOpen(node, 3);
            // alice and bob are registered: they are not the ones in the handshake
            Await.until(() -> node.server().sessions().size() == 2, "alice's and bob's sessions");
            try {
                TestClient carol = node.connect("carol");
                assertThat(carol.awaitClosed(WAIT)).as("a fourth connection is closed at once").isTrue();
                carol.close();
            } catch (IOException refusedDuringHandshake) {
                // closed before the handshake could finish: refused as well
            }
            assertThat(node.count("kizuna.sessions.closed", "max-clients")).isEqualTo(1);

            stalled.close(); // its slot goes back (closing again at the end does nothing)
            awaitOpen(node, 2);
            try (TestClient dave = node.connect("dave")) {
                // the freed slot works: dave's report reaches alice
                dave.send(pli("DAVE-1", "DAVE"));
                alice.awaitUid("DAVE-1");
            }
            assertThat(node.count("kizuna.sessions.closed", "max-clients")).isEqualTo(1);
        }
    }

    private static void awaitOpen(RunningServer node, int expected) throws InterruptedException {
        Await.until(() -> node.server().connections().open() == expected, expected + " connections open");
    }
}
