package org.kizuna.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The test client must not let a test pass on a broken connection: garbage from the server and a
 * connection the server closed fail the test instead of looking like "nothing arrived".
 */
class TestClientStrictnessTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String EVENT = "<event version=\"2.0\" uid=\"U-1\" type=\"a-f-G\" how=\"m-g\""
            + " time=\"2026-12-05T09:00:00Z\" start=\"2026-12-05T09:00:00Z\" stale=\"2026-12-05T09:10:00Z\">"
            + "<point lat=\"35\" lon=\"139\" hae=\"0\" ce=\"9\" le=\"9\"/></event>";

    @Test
    void garbageFromTheServerFailsTheNextAssertNothing() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TestClient client = TestClient.plain(listener.getLocalPort());
             Socket server = listener.accept()) {
            OutputStream out = server.getOutputStream();
            out.write("<event version=\"2.0\" uid=\"x\"><not-closed></event>".getBytes(StandardCharsets.UTF_8));
            out.flush();

            assertThatThrownBy(() -> client.assertNothing(e -> e.uid().equals("never"), QUIET))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("not CoT");
        }
    }

    @Test
    void garbageFailsAnAwaitEvenWhenAGoodEventCameBefore() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TestClient client = TestClient.plain(listener.getLocalPort());
             Socket server = listener.accept()) {
            OutputStream out = server.getOutputStream();
            out.write((EVENT + "<event>&bogus;</event>").getBytes(StandardCharsets.UTF_8));
            out.flush();

            assertThat(client.awaitUid("U-1").uid()).isEqualTo("U-1");
            assertThatThrownBy(() -> client.await(e -> e.uid().equals("U-2"), QUIET))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("not CoT");
        }
    }

    @Test
    void aConnectionTheServerClosedFailsAssertNothing() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TestClient client = TestClient.plain(listener.getLocalPort())) {
            listener.accept().close();
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();

            assertThatThrownBy(() -> client.assertNothing(e -> true, QUIET))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("closed the connection");
        }
    }

    @Test
    void aQuietOpenConnectionPassesAssertNothing() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TestClient client = TestClient.plain(listener.getLocalPort());
             Socket server = listener.accept()) {
            server.getOutputStream().write(EVENT.getBytes(StandardCharsets.UTF_8));
            client.awaitUid("U-1");

            client.assertNothing(e -> e.uid().equals("U-1"), QUIET);
        }
    }
}
