package org.kizuna.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.server.testing.TestClient;
import org.kizuna.store.ChatQuery;
import org.kizuna.store.ChatRow;
import org.kizuna.store.ConnectionRow;
import org.kizuna.store.EventQuery;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.jdbc.JdbcHistoryStore;

/** A real node on the default H2 store: what it keeps, and what a client sees after a restart. */
class NodeHistoryTest {

    @TempDir
    Path dir;

    private NodeConfig config(String archivePlain) throws Exception {
        Path yaml = java.nio.file.Files.writeString(dir.resolve("kizuna.yaml"), """
                node: {id: test-node}
                streaming:
                  tls: {enabled: false}
                  plain: {enabled: true, bind: 127.0.0.1, port: 0, archive: %s}
                http: {enabled: false}
                """.formatted(archivePlain));
        return NodeConfigLoader.load(yaml, dir);
    }

    @Test
    void routedEventsChatAndConnectionsAreStoredAndThePictureSurvivesARestart() throws Exception {
        NodeConfig config = config("true");
        try (RunningNode node = RunningNode.start(config);
             TestClient gateway = TestClient.plain(node.server().port("plain"))) {
            gateway.send(Events.pli("ANDROID-GW", "GATEWAY"));
            gateway.send(Events.marker("MARKER-1", Duration.ofHours(1)));
            gateway.send(Events.chat("ANDROID-GW", "GATEWAY", "All Chat Rooms", "radio check"));
            awaitStored(node, 3);
        }

        try (JdbcHistoryStore store = JdbcHistoryStore.open(config.history().store(), java.time.Clock.systemUTC(), false)) {
            List<StoredEvent> events = store.events(EventQuery.builder().build()).items();
            assertThat(events).extracting(StoredEvent::uid).contains("ANDROID-GW", "MARKER-1");
            StoredEvent marker = events.stream().filter(e -> e.uid().equals("MARKER-1")).findFirst().orElseThrow();
            assertThat(marker.sender()).startsWith("anonymous@");
            assertThat(marker.groups()).containsExactly("__ANON__");
            assertThat(new String(marker.xml(), java.nio.charset.StandardCharsets.UTF_8)).contains("_flow-tags_");
            assertThat(store.chats(new ChatQuery(null, null, null, 10, null)).items())
                    .extracting(ChatRow::message).containsExactly("radio check");
            assertThat(store.connections(null, null, 10)).extracting(ConnectionRow::kind)
                    .containsExactly(ConnectionRow.Kind.CONNECTED, ConnectionRow.Kind.DISCONNECTED);
        }

        try (RunningNode restarted = RunningNode.start(config);
             TestClient watcher = TestClient.plain(restarted.server().port("plain"))) {
            CotEvent restored = watcher.awaitUid("MARKER-1");
            assertThat(restored.type().value()).isEqualTo("b-m-p-s-m");
            // the gateway's own report left the picture when it disconnected, before the restart
            watcher.assertNothing(e -> e.uid().equals("ANDROID-GW"), Duration.ofMillis(500));
        }
    }

    @Test
    void anInputMarkedArchiveFalseStoresNothing() throws Exception {
        NodeConfig config = config("false");
        try (RunningNode node = RunningNode.start(config);
             TestClient gateway = TestClient.plain(node.server().port("plain"))) {
            gateway.send(Events.marker("MARKER-1", Duration.ofHours(1)));
            gateway.send(Events.pli("ANDROID-GW", "GATEWAY"));
            // Routed (and so handed to the history, or not) before they enter the picture; what a
            // history would hold by now, closing the node commits.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.server().picture().get("ANDROID-GW") == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(node.server().picture().get("MARKER-1")).isNotNull();
            assertThat(node.server().picture().get("ANDROID-GW")).isNotNull();
        }
        try (JdbcHistoryStore store = JdbcHistoryStore.open(config.history().store(), java.time.Clock.systemUTC(), false)) {
            assertThat(store.events(EventQuery.builder().build()).items()).isEmpty();
            assertThat(store.connections(null, null, 10)).isEmpty();
        }
    }

    @Test
    void aChatIsAlreadyInTheStoreWhenARecipientReadsIt() throws Exception {
        NodeConfig config = config("true");
        try (RunningNode node = RunningNode.start(config);
             TestClient sender = TestClient.plain(node.server().port("plain"));
             TestClient reader = TestClient.plain(node.server().port("plain"))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (node.server().sessions().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            for (int i = 0; i < 20; i++) {
                String text = "message " + i;
                sender.send(Events.chat("ANDROID-S", "SENDER", "All Chat Rooms", text));
                reader.await(e -> e.type().isGeoChat() && e.detail().remarks().text().equals(text));
                // Read through the node's own store: the chat was committed before it was delivered.
                assertThat(node.history().orElseThrow().store().chats(new ChatQuery(null, null, null, 100, null)).items())
                        .extracting(ChatRow::message).contains(text);
            }
        }
    }

    @Test
    void theWriterAndRetentionCountersAreMeters() throws Exception {
        try (RunningNode node = RunningNode.start(config("true"));
             TestClient gateway = TestClient.plain(node.server().port("plain"))) {
            gateway.send(Events.marker("MARKER-1", Duration.ofHours(1)));
            gateway.send(Events.chat("ANDROID-GW", "GATEWAY", "All Chat Rooms", "radio check"));
            awaitStored(node, 3);
            node.history().orElseThrow().store().enforceRetention();

            MeterRegistry registry = node.server().metrics().registry();
            long written = node.history().orElseThrow().writer().stats().written();
            assertThat(written).isGreaterThanOrEqualTo(3);
            assertThat(registry.get("kizuna.history.written").functionCounter().count()).isEqualTo(written);
            assertThat(registry.get("kizuna.history.batches").functionCounter().count()).isPositive();
            assertThat(registry.get("kizuna.history.sampled").functionCounter().count()).isZero();
            assertThat(registry.get("kizuna.history.queued").gauge().value()).isZero();
            assertThat(registry.get("kizuna.history.retention.passes").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("kizuna.history.retention.failures").functionCounter().count()).isZero();
        }
    }

    private static void awaitStored(RunningNode node, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (node.history().orElseThrow().writer().stats().written() < rows && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

}
