package org.kizuna.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.core.testing.Events.chat;
import static org.kizuna.core.testing.Events.pli;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.Chat;
import org.kizuna.server.testing.RunningServer;
import org.kizuna.server.testing.TestClient;

/** A client that stops reading is disconnected; everybody else keeps receiving everything. */
class SlowConsumerTest {

    @TempDir
    Path dir;

    /**
     * Traffic at a steady, realistic rate (500 chats of 4 KB a second, plus position reports):
     * the reader keeps up and receives every chat; the stalled client's socket fills, stays
     * unwritable past the limit, and it alone is disconnected.
     */
    @Test
    void clientThatStopsReadingIsDroppedWithoutHurtingOthers() throws Exception {
        try (RunningServer node = new RunningServer(dir, Map.of(), false);
             TestClient sender = node.connect("sender");
             TestClient reader = node.connect("reader");
             SSLSocket stalled = stalledClient(node)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.server().sessions().size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            String padding = "x".repeat(4000);
            int chats = 0;
            while (node.count("kizuna.sessions.closed", "slow-consumer") < 1 && chats < 10_000) {
                for (int i = 0; i < 50; i++, chats++) {
                    sender.send(chat("SENDER", "SENDER", Chat.ALL_CHAT_ROOMS, chats + " " + padding));
                }
                sender.send(pli("POS-" + chats % 7, "P" + chats));
                Thread.sleep(100);
            }
            assertThat(node.count("kizuna.sessions.closed", "slow-consumer")).isEqualTo(1);
            for (int i = 0; i < chats; i++) {
                String prefix = i + " ";
                CotEvent got = reader.await(e -> e.type().isGeoChat() && e.detail().remarks().text().startsWith(prefix));
                assertThat(got).isNotNull();
            }
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.server().sessions().size() > 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(node.server().sessions().size()).isEqualTo(2);
            assertThat(reader.isClosed()).isFalse();
        }
    }

    /** Completes its handshake with a tiny receive window, then never reads again. */
    private static SSLSocket stalledClient(RunningServer node) throws Exception {
        Socket tcp = new Socket();
        tcp.setReceiveBufferSize(4096);
        tcp.connect(new InetSocketAddress("127.0.0.1", node.tlsPort()));
        SSLSocket tls = (SSLSocket) node.contextFor(node.pki().client("stalled")).getSocketFactory()
                .createSocket(tcp, "127.0.0.1", node.tlsPort(), true);
        tls.startHandshake();
        return tls;
    }
}
