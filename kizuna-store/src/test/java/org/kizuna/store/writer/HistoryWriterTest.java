package org.kizuna.store.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.cot.CotEvent;
import org.kizuna.store.ChatQuery;
import org.kizuna.store.ChatRow;
import org.kizuna.store.EventQuery;
import org.kizuna.store.Events;
import org.kizuna.store.Page;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.TestDatabase;
import org.kizuna.store.jdbc.JdbcHistoryStore;

/** The writer against a real H2 store; a gate in front of it plays the database that falls behind. */
class HistoryWriterTest {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @TempDir
    Path dir;

    JdbcHistoryStore store;

    @BeforeEach
    void open() {
        store = JdbcHistoryStore.open(TestDatabase.h2(dir).settings(), Clock.fixed(T0, ZoneOffset.UTC), false);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static StoredEvent chatEvent(int i) {
        CotEvent chat = Events.chat("GeoChat.A.All Chat Rooms." + i, "All Chat Rooms", "message " + i, T0);
        return StoredEvent.of(chat, "alice", Set.of("Blue"), false, T0);
    }

    private static ChatRow chatRow(int i) {
        return ChatRow.of(Events.chat("GeoChat.A.All Chat Rooms." + i, "All Chat Rooms", "message " + i, T0), "alice",
                Set.of("Blue"), T0);
    }

    @Test
    void chatCompletesOnlyOnceItIsCommitted() throws Exception {
        GatedStore gated = new GatedStore(store, false, 0);
        try (HistoryWriter writer = new HistoryWriter(gated, new WriterSettings(1024, 100))) {
            CompletableFuture<Void> committed = writer.offerChat(chatEvent(1), chatRow(1));
            Thread.sleep(200);
            assertThat(committed).isNotDone();
            assertThat(store.chats(new ChatQuery(null, null, null, 10, null)).items()).isEmpty();

            gated.open();
            committed.get(10, TimeUnit.SECONDS);
            assertThat(store.chats(new ChatQuery(null, null, null, 10, null)).items())
                    .extracting(ChatRow::message).containsExactly("message 1");
        }
    }

    @Test
    void positionsLingerForCompanyAndAChatCommitsTheBatchAtOnce() throws Exception {
        // a linger far longer than the test: only the chat can end the batch
        HistoryWriter writer = new HistoryWriter(store, new WriterSettings(1024, 100, java.time.Duration.ofSeconds(10)));
        try {
            writer.offer(Events.stored("u-1", "a-f-G", 35, 139, T0));
            writer.offer(Events.stored("u-2", "a-f-G", 35, 139, T0));
            writer.offerChat(chatEvent(1), chatRow(1)).get(60, TimeUnit.SECONDS);
            assertThat(writer.stats().batches()).isEqualTo(1);
            assertThat(writer.stats().written()).isEqualTo(4); // two positions, the chat's event and its row
            assertThat(count()).isEqualTo(3);
        } finally {
            writer.close();
        }
    }

    @Test
    void closeCommitsALingeringBatch() {
        HistoryWriter writer = new HistoryWriter(store, new WriterSettings(1024, 100, java.time.Duration.ofSeconds(10)));
        writer.offer(Events.stored("u-1", "a-f-G", 35, 139, T0));
        writer.close();
        assertThat(writer.stats().written()).isEqualTo(1);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void closeCommitsEverythingStillQueued() {
        HistoryWriter writer = new HistoryWriter(store, new WriterSettings(50_000, 500));
        for (int i = 0; i < 20_000; i++) {
            assertThat(writer.offer(Events.stored("u-" + (i % 100), "a-f-G", 35, 139, T0.plusMillis(i))))
                    .isEqualTo(Admission.QUEUED);
        }
        writer.close();
        assertThat(writer.stats().written()).isEqualTo(20_000);
        assertThat(count()).isEqualTo(20_000);
        assertThat(writer.offer(Events.stored("late", "a-f-G", 35, 139, T0))).isEqualTo(Admission.DROPPED);
        assertThatThrownBy(() -> writer.offerChat(chatEvent(9), chatRow(9)).get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void whenTheDatabaseIsBehindPositionsAreSampledAndEverythingElseKeptUntilFull() throws Exception {
        GatedStore gated = new GatedStore(store, false, 0);
        HistoryWriter writer = new HistoryWriter(gated, new WriterSettings(100, 100));
        writer.offer(Events.stored("first", "a-f-G", 35, 139, T0)); // the writer takes it and waits at the gate
        Thread.sleep(100);
        int queued = 0;
        for (int i = 0; i < 200; i++) {
            // one unit reporting fast: only the first report past half full gets in
            if (writer.offer(Events.stored("fast", "a-f-G", 35, 139, T0.plusMillis(i))) == Admission.QUEUED) {
                queued++;
            }
        }
        assertThat(queued).isEqualTo(51);
        assertThat(writer.stats().sampled()).isEqualTo(149);
        // markers are not sampled: they fill the queue, then are dropped and counted
        int markers = 0;
        for (int i = 0; i < 60; i++) {
            if (writer.offer(Events.stored("marker-" + i, "u-d-p", 35, 139, T0)) == Admission.QUEUED) {
                markers++;
            }
        }
        assertThat(markers).isEqualTo(49);
        assertThat(writer.stats().dropped()).isEqualTo(11);
        CompletableFuture<Void> refused = writer.offerChat(chatEvent(1), chatRow(1));
        assertThat(refused).isCompletedExceptionally();

        gated.open();
        writer.close();
        assertThat(count()).isEqualTo(1 + 51 + 49);
        assertThat(writer.stats().written()).isEqualTo(101);
    }

    @Test
    void aRefusedBatchIsRetriedAndAChatFailsLoudlyWhenTheDatabaseKeepsRefusing() throws Exception {
        GatedStore flaky = new GatedStore(store, true, 2);
        try (HistoryWriter writer = new HistoryWriter(flaky, new WriterSettings(1024, 100))) {
            writer.offerChat(chatEvent(1), chatRow(1)).get(10, TimeUnit.SECONDS);
        }
        assertThat(store.chats(new ChatQuery(null, null, null, 10, null)).items()).hasSize(1);

        GatedStore broken = new GatedStore(store, true, Integer.MAX_VALUE);
        try (HistoryWriter writer = new HistoryWriter(broken, new WriterSettings(1024, 100))) {
            CompletableFuture<Void> lost = writer.offerChat(chatEvent(2), chatRow(2));
            assertThatThrownBy(() -> lost.get(20, TimeUnit.SECONDS)).hasMessageContaining("database refuses");
            assertThat(writer.stats().failed()).isEqualTo(2); // the event and its chat row
        }
    }

    private long count() {
        long n = 0;
        EventQuery q = EventQuery.builder().limit(EventQuery.MAX_LIMIT).build();
        Page<StoredEvent> page = store.events(q);
        n += page.items().size();
        while (page.next().isPresent()) {
            page = store.events(q.after(page.next().get()));
            n += page.items().size();
        }
        return n;
    }
}
