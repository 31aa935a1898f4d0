package org.kizuna.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.core.testing.Events.chat;
import static org.kizuna.core.testing.Events.pli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.routing.Subscriber;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.Chat;
import org.kizuna.server.testing.RunningServer;
import org.kizuna.server.testing.TestClient;

/** Chat reaches recipients only after the history sink says it is stored; positions do not wait. */
class DurableChatTest {

    /** A sink that stores nothing until the test commits it. */
    static final class HeldCommits implements HistorySink {
        final List<CotEvent> routed = new CopyOnWriteArrayList<>();
        final List<Runnable> pending = new CopyOnWriteArrayList<>();
        final List<String> connections = new CopyOnWriteArrayList<>();

        @Override
        public void connected(Subscriber session) {
            connections.add("connected " + session.identity().name());
        }

        @Override
        public void disconnected(Subscriber session) {
            connections.add("disconnected " + session.identity().name());
        }

        @Override
        public void routed(RoutedEvent event) {
            routed.add(event.event());
        }

        @Override
        public void routedDurably(RoutedEvent event, Runnable deliver) {
            routed.add(event.event());
            pending.add(deliver);
        }

        void commitAll() {
            pending.forEach(Runnable::run);
            pending.clear();
        }
    }

    @TempDir
    Path dir;

    @Test
    void chatWaitsForTheCommitAndPositionsDoNot() throws Exception {
        HeldCommits history = new HeldCommits();
        try (RunningServer node = new RunningServer(dir, Map.of(), false, RunningServer.TEST_LIMITS, history);
             TestClient alpha = node.connect("alpha"); TestClient bravo = node.connect("bravo")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.server().sessions().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            alpha.send(chat("ALPHA-UID", "ALPHA", Chat.ALL_CHAT_ROOMS, "stored first"));
            alpha.send(pli("ALPHA-UID", "ALPHA"));
            bravo.awaitUid("ALPHA-UID");
            bravo.assertNothing(e -> e.type().isGeoChat(), Duration.ofMillis(500));
            assertThat(history.pending).hasSize(1);
            history.commitAll();
            assertThat(bravo.await(e -> e.type().isGeoChat()).detail().remarks().text()).isEqualTo("stored first");
            assertThat(history.routed).extracting(e -> e.type().value()).contains("b-t-f", "a-f-G-U-C");
            alpha.close();
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!history.connections.contains("disconnected alpha") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(history.connections).contains("connected alpha", "connected bravo", "disconnected alpha");
        }
    }
}
