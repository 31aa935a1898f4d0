package org.kizuna.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kizuna.core.testing.Events.pli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.server.testing.RunningServer;
import org.kizuna.server.testing.TestClient;

/** Plain TCP streaming: off by default; when on, its clients are in the anonymous group. */
class PlainStreamingTest {

    @TempDir
    Path dir;

    @Test
    void plainListenerIsOffByDefault() throws Exception {
        try (RunningServer node = new RunningServer(dir, Map.of(), false)) {
            assertThatThrownBy(() -> node.server().port("plain")).isInstanceOf(IllegalArgumentException.class);
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            assertThatThrownBy(() -> TestClient.plain(port)).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void plainClientsShareTheAnonymousGroupOnly() throws Exception {
        try (RunningServer node = new RunningServer(dir,
                Map.of("blue", GroupMembership.both(Set.of(new Group("Blue")))), true);
             TestClient plain = TestClient.plain(node.server().port("plain"));
             TestClient anon = node.connect("anybody");
             TestClient blue = node.connect("blue")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.server().sessions().size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            plain.send(pli("GATEWAY-1", "GATEWAY"));
            assertThat(anon.awaitUid("GATEWAY-1").detail().callsign()).contains("GATEWAY");
            blue.assertNothing(e -> e.uid().equals("GATEWAY-1"), Duration.ofMillis(700));
            anon.send(pli("ANON-1", "ANON"));
            plain.awaitUid("ANON-1");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
