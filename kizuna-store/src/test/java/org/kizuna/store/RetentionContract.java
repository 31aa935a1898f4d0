package org.kizuna.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kizuna.store.jdbc.JdbcHistoryStore;

/** Retention by age and by size, on each database with its own strategy. */
abstract class RetentionContract {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    static final Duration MAX_AGE = Duration.ofDays(2);

    TestDatabase db;
    MutableClock clock = new MutableClock(T0);
    JdbcHistoryStore store;

    abstract TestDatabase database();

    @BeforeEach
    void setUp() {
        db = database();
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void eventsChatAndConnectionsOlderThanMaxAgeGo() {
        store = JdbcHistoryStore.open(db.settings(MAX_AGE, 0), clock, false);
        store.write(WriteBatch.ofEvents(List.of(
                Events.stored("ancient", "a-f-G", 35, 139, T0.minus(Duration.ofDays(10))),
                Events.stored("old", "a-f-G", 35, 139, T0.minus(Duration.ofHours(47))),
                Events.stored("hour-ago", "a-f-G", 35, 139, T0.minus(Duration.ofHours(1))),
                Events.stored("now", "a-f-G", 35, 139, T0))));
        store.write(new WriteBatch(List.of(),
                List.of(ChatRow.of(Events.chat("c-old", "All Chat Rooms", "old", T0), "a", Set.of("B"),
                        T0.minus(Duration.ofHours(47))),
                        ChatRow.of(Events.chat("c-new", "All Chat Rooms", "new", T0), "a", Set.of("B"), T0)),
                List.of(new ConnectionRow(T0.minus(Duration.ofHours(47)), ConnectionRow.Kind.CONNECTED, 1, "a", null,
                        null, Set.of(), Set.of()))));
        assertThat(uids()).containsExactly("ancient", "old", "hour-ago", "now");

        clock.advance(MAX_AGE);
        assertThat(store.retentionStats()).isEqualTo(new RetentionStats(0, 0, 0, 0));
        RetentionPass pass = store.enforceRetention();

        assertThat(uids()).containsExactly("now");
        // the two old rows of chat and connections go row by row on both databases; events may go
        // by whole partition on PostgreSQL
        assertThat(pass.rowsDeleted()).isGreaterThanOrEqualTo(2);
        assertThat(store.retentionStats()).isEqualTo(new RetentionStats(1, 0, pass.rowsDeleted(),
                pass.partitionsDropped().size()));
        assertThat(store.chats(new ChatQuery(null, null, null, 10, null)).items()).extracting(ChatRow::uid)
                .containsExactly("c-new");
        assertThat(store.connections(null, null, 10)).isEmpty();
    }

    @Test
    void theOldestEventsGoWhenTheTableOutgrowsMaxBytes() {
        store = JdbcHistoryStore.open(db.settings(MAX_AGE, 0), clock, false);
        for (int hour = 20; hour >= 0; hour--) {
            List<StoredEvent> batch = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                batch.add(Events.stored("h" + hour + "-" + i, "a-f-G", 35, 139,
                        T0.minus(Duration.ofHours(hour)).plusMillis(i)));
            }
            store.write(WriteBatch.ofEvents(batch));
        }
        long full = store.eventTableBytes();
        store.close();

        long bound = full / 2;
        store = JdbcHistoryStore.open(db.settings(MAX_AGE, bound), clock, false);
        RetentionPass pass = store.enforceRetention();

        assertThat(pass.removedNothing()).isFalse();
        assertThat(store.eventTableBytes()).isLessThanOrEqualTo(bound);
        assertThat(first().uid()).doesNotStartWith("h20-");
        assertThat(store.events(EventQuery.builder().uid("h0-1999").build()).items()).hasSize(1);
    }

    private StoredEvent first() {
        return store.events(EventQuery.builder().limit(1).build()).items().get(0);
    }

    private List<String> uids() {
        return store.events(EventQuery.builder().build()).items().stream().map(StoredEvent::uid).toList();
    }
}
