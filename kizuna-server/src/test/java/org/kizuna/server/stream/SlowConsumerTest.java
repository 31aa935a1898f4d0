package org.kizuna.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.server.testing.Events.chat;
import static org.kizuna.server.testing.Events.pli;

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

    @Test
    void clientThatStopsReadingIsDroppedWithoutHurtingOthers() throws Exception {
        try (RunningServer node = new RunningServer(dir, Map.of(), false);
             TestClient sender = node.connect("sender");
             TestClient reader = node.connect("reader");
             SSLSocket stalled = (SSLSocket) node.contextFor(node.pki().client("stalled"))
                     .getSocketFactory().createSocket("127.0.0.1", node.tlsPort())) {
            stalled.setReceiveBufferSize(4096);
            stalled.startHandshake(); // and then never reads again
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.server().sessions().size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            String padding = "x".repeat(2000);
            int chats = 3000;
            for (int i = 0; i < chats; i++) {
                sender.send(chat("SENDER", "SENDER", Chat.ALL_CHAT_ROOMS, i + " " + padding));
                if (i % 10 == 0) {
                    sender.send(pli("POS-" + (i % 50), "P" + i));
                }
            }
            for (int i = 0; i < chats; i++) {
                String prefix = i + " ";
                CotEvent got = reader.await(e -> e.type().isGeoChat() && e.detail().remarks().text().startsWith(prefix));
                assertThat(got).isNotNull();
            }
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.count("kizuna.sessions.closed", "slow-consumer") < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(node.count("kizuna.sessions.closed", "slow-consumer")).isEqualTo(1);
            assertThat(node.server().sessions().size()).isEqualTo(2);
            assertThat(reader.isClosed()).isFalse();
        }
    }
}
