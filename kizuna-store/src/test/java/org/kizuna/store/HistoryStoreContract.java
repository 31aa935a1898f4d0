package org.kizuna.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.xml.CotXmlWriter;
import org.kizuna.store.jdbc.JdbcHistoryStore;

/**
 * What every history store must do, run against real databases: {@code H2HistoryStoreTest} and
 * {@code PostgresHistoryStoreTest} differ only in {@link #database()}.
 */
abstract class HistoryStoreContract {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    TestDatabase db;
    JdbcHistoryStore store;

    abstract TestDatabase database();

    @BeforeEach
    void open() {
        db = database();
        store = JdbcHistoryStore.open(db.settings(), Clock.fixed(T0, ZoneOffset.UTC), false);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.drop();
        }
    }

    private void write(StoredEvent... events) {
        store.write(WriteBatch.ofEvents(List.of(events)));
    }

    @Test
    void everyColumnAndTheCanonicalBytesReadBackUnchanged() {
        CotEvent event = Events.position("ANDROID-1", "a-f-G-U-C", 35.681, 139.767, T0, 90);
        StoredEvent stored = StoredEvent.of(event, "KESTREL-21", Set.of("Blue", "Red, with comma"), false,
                T0.plusMillis(1234));
        write(stored);

        StoredEvent back = store.events(EventQuery.builder().build()).items().get(0);
        assertThat(back.xml()).isEqualTo(CotXmlWriter.toBytes(event));
        assertThat(back).usingRecursiveComparison().ignoringFields("xml").isEqualTo(stored);
        assertThat(back.groups()).containsExactlyInAnyOrder("Blue", "Red, with comma");
        assertThat(back.label()).isNull();
    }

    @Test
    void labelsReadBackWithTheEvent() {
        CotEvent event = Events.position("ANDROID-2", "a-f-G-U-C", 35.681, 139.767, T0, 90);
        String xml = "<originatorConfidentialityLabel>...</originatorConfidentialityLabel>";
        StoredEvent stored = StoredEvent.of(event, "KESTREL-21", Set.of("Blue"), false, T0)
                .withLabel(xml, "JPN", "GOKUHI");
        write(stored);

        StoredEvent back = store.events(EventQuery.builder().build()).items().get(0);
        assertThat(back).usingRecursiveComparison().ignoringFields("xml").isEqualTo(stored);
        assertThat(back.label()).isEqualTo(xml);
        assertThat(back.labelPolicy()).isEqualTo("JPN");
        assertThat(back.labelClassification()).isEqualTo("GOKUHI");
        assertThat(store.currentPicture(T0, 10)).extracting(StoredEvent::labelClassification).containsExactly("GOKUHI");
    }

    @Test
    void pagesFollowTheCursorInReceiveOrderWithoutGapsOrRepeats() {
        List<StoredEvent> all = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            // several events per millisecond: the id breaks ties
            all.add(Events.stored("u-" + i, "a-f-G", 35, 139, T0.plusMillis(i / 3)));
        }
        store.write(WriteBatch.ofEvents(all));

        EventQuery query = EventQuery.builder().from(T0).limit(100).build();
        List<String> seen = new ArrayList<>();
        Page<StoredEvent> page = store.events(query);
        int pages = 1;
        while (page.next().isPresent()) {
            page.items().forEach(e -> seen.add(e.uid()));
            page = store.events(query.after(page.next().get()));
            pages++;
        }
        page.items().forEach(e -> seen.add(e.uid()));
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(all.stream().map(StoredEvent::uid).toList());
    }

    @Test
    void aCursorOnlyContinuesTheQueryItCameFrom() {
        for (int i = 0; i < 3; i++) {
            write(Events.stored("u-" + i, "a-f-G", 35, 139, T0.plusSeconds(i)));
        }
        String cursor = store.events(EventQuery.builder().limit(1).build()).next().orElseThrow();
        assertThatThrownBy(() -> store.events(EventQuery.builder().uid("u-1").limit(1).cursor(cursor).build()))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("cursor:");
        assertThatThrownBy(() -> store.events(EventQuery.builder().cursor("garbage!").build()))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("cursor:");
    }

    @Test
    void filtersCombineWindowBboxUidTypePrefixAndSender() {
        write(Events.stored("tokyo", "a-f-G-U-C", 35.68, 139.76, T0),
                Events.stored("osaka", "a-h-G", 34.69, 135.50, T0.plusSeconds(10)),
                Events.stored("tokyo", "a-f-G-U-C", 35.70, 139.80, T0.plusSeconds(20)),
                Events.stored("fx", "a-fx", 35.69, 139.77, T0.plusSeconds(30)),
                StoredEvent.of(Events.position("bob-1", "a-f-A", 35.65, 139.70, T0, 60), "bob", Set.of("Blue"),
                        false, T0.plusSeconds(40)));

        assertThat(uids(EventQuery.builder().bbox(BoundingBox.parse("139,35,140,36")).build()))
                .containsExactly("tokyo", "tokyo", "fx", "bob-1");
        assertThat(uids(EventQuery.builder().typePrefix("a-f").build())).containsExactly("tokyo", "tokyo", "bob-1");
        assertThat(uids(EventQuery.builder().typePrefix("a-f-G-U-C").build())).containsExactly("tokyo", "tokyo");
        assertThat(uids(EventQuery.builder().sender("bob").build())).containsExactly("bob-1");
        assertThat(uids(EventQuery.builder().from(T0.plusSeconds(10)).to(T0.plusSeconds(30)).build()))
                .containsExactly("osaka", "tokyo");
        assertThat(uids(EventQuery.builder().uid("tokyo").from(T0.plusSeconds(1)).build())).containsExactly("tokyo");
        assertThat(uids(EventQuery.builder().typePrefix("a-%").build())).isEmpty();
    }

    @Test
    void aBoxAcrossTheAntimeridianWrapsAround() {
        write(Events.stored("fiji", "a-f-S", -17.7, 178.0, T0),
                Events.stored("samoa", "a-f-S", -13.8, -172.1, T0.plusSeconds(1)),
                Events.stored("tokyo", "a-f-S", 35.6, 139.7, T0.plusSeconds(2)));
        assertThat(uids(EventQuery.builder().bbox(BoundingBox.parse("170,-20,-170,-10")).build()))
                .containsExactly("fiji", "samoa");
    }

    @Test
    void aTrackIsOnePositionPerReportOfOneUidInTheWindow() {
        for (int i = 0; i < 5; i++) {
            write(Events.stored("kestrel", "a-f-G", 35 + i * 0.01, 139, T0.plusSeconds(i)),
                    Events.stored("other", "a-f-G", 10, 10, T0.plusSeconds(i)));
        }
        write(StoredEvent.of(Events.position("kestrel", "a-f-G", 1, 1, T0, 60), "alice", Set.of("Blue"), true,
                T0.plusSeconds(2)));
        Page<TrackPoint> track = store.track(new TrackQuery("kestrel", T0.plusSeconds(1), T0.plusSeconds(4), 2, null));
        assertThat(track.items()).extracting(TrackPoint::lat).containsExactly(35.01, 35.02);
        Page<TrackPoint> rest = store.track(new TrackQuery("kestrel", T0.plusSeconds(1), T0.plusSeconds(4), 2,
                track.next().orElseThrow()));
        assertThat(rest.items()).extracting(TrackPoint::lat).containsExactly(35.03);
        assertThat(rest.next()).isEmpty();
    }

    @Test
    void chatIsStoredAsItsOwnRowsAndAsAnEvent() {
        CotEvent chat = Events.chat("GeoChat.A.All Chat Rooms.1", "All Chat Rooms", "hello all", T0);
        CotEvent direct = Events.chat("GeoChat.A.B.2", "BRAVO", "only you", T0);
        store.write(new WriteBatch(
                List.of(StoredEvent.of(chat, "alice", Set.of("Blue"), false, T0),
                        StoredEvent.of(direct, "alice", Set.of("Blue"), true, T0.plusSeconds(1))),
                List.of(ChatRow.of(chat, "alice", Set.of("Blue"), T0),
                        ChatRow.of(direct, "alice", Set.of("Blue"), T0.plusSeconds(1))),
                List.of()));

        Page<ChatRow> all = store.chats(new ChatQuery(T0, null, null, 10, null));
        assertThat(all.items()).extracting(ChatRow::message).containsExactly("hello all", "only you");
        ChatRow first = all.items().get(0);
        assertThat(first.senderCallsign()).isEqualTo("KESTREL-21");
        assertThat(first.chatroom()).isEqualTo("All Chat Rooms");
        assertThat(first.messageId()).isEqualTo("GeoChat.A.All Chat Rooms.1-m");
        assertThat(store.chats(new ChatQuery(null, null, "BRAVO", 10, null)).items())
                .extracting(ChatRow::message).containsExactly("only you");
        assertThat(uids(EventQuery.builder().typePrefix("b-t-f").build())).hasSize(2);
    }

    @Test
    void connectsAndDisconnectsAreKept() {
        store.write(new WriteBatch(List.of(), List.of(), List.of(
                new ConnectionRow(T0, ConnectionRow.Kind.CONNECTED, 7, "KESTREL-21", null, null, Set.of("Blue"),
                        Set.of("Blue", "Red")),
                new ConnectionRow(T0.plusSeconds(60), ConnectionRow.Kind.DISCONNECTED, 7, "KESTREL-21", "ANDROID-1",
                        "KESTREL", Set.of("Blue"), Set.of("Blue", "Red")))));
        List<ConnectionRow> rows = store.connections(T0, null, 10);
        assertThat(rows).extracting(ConnectionRow::kind)
                .containsExactly(ConnectionRow.Kind.CONNECTED, ConnectionRow.Kind.DISCONNECTED);
        assertThat(rows.get(1).callsign()).isEqualTo("KESTREL");
        assertThat(rows.get(0).groupsOut()).containsExactlyInAnyOrder("Blue", "Red");
    }

    @Test
    void thePictureIsTheLatestUnexpiredBroadcastEventPerUid() {
        Instant now = T0.plusSeconds(100);
        write(StoredEvent.of(Events.position("moved", "a-f-G", 35.0, 139, T0, 600), "a", Set.of("Blue"), false, T0),
                StoredEvent.of(Events.position("moved", "a-f-G", 35.5, 139, T0.plusSeconds(50), 600), "a",
                        Set.of("Blue"), false, T0.plusSeconds(50)),
                // a point-to-point report never becomes the picture, nor hides the broadcast one
                StoredEvent.of(Events.position("moved", "a-f-G", 1, 1, T0.plusSeconds(60), 600), "a",
                        Set.of("Blue"), true, T0.plusSeconds(60)),
                StoredEvent.of(Events.position("expired", "a-f-G", 35, 139, T0, 30), "a", Set.of("Blue"), false, T0),
                // a newer report that has expired hides an older one that has not
                StoredEvent.of(Events.position("went-stale", "a-f-G", 35, 139, T0, 600), "a", Set.of("Blue"), false, T0),
                StoredEvent.of(Events.position("went-stale", "a-f-G", 35, 139, T0.plusSeconds(10), 20), "a",
                        Set.of("Blue"), false, T0.plusSeconds(10)),
                StoredEvent.of(Events.position("marker", "a-u-G", 35, 139, T0, 86_400), "a", Set.of("Red"), false, T0),
                StoredEvent.of(Events.position("deleted", "a-u-G", 35, 139, T0, 86_400), "a", Set.of("Blue"), false, T0),
                StoredEvent.of(Events.delete("del-1", "deleted", T0.plusSeconds(5)), "a", Set.of("Blue"), false,
                        T0.plusSeconds(5)),
                StoredEvent.of(Events.chat("GeoChat.x", "All Chat Rooms", "hi", T0), "a", Set.of("Blue"), false, T0));

        store.write(new WriteBatch(List.of(StoredEvent.of(Events.position("left", "a-f-G", 35, 139, T0, 600), "b",
                Set.of("Blue"), false, T0)), List.of(), List.of(new ConnectionRow(T0.plusSeconds(30),
                ConnectionRow.Kind.DISCONNECTED, 3, "b", "left", "LEFT", Set.of("Blue"), Set.of("Blue")))));

        List<StoredEvent> picture = store.currentPicture(now, 100);
        assertThat(picture).extracting(StoredEvent::uid).containsExactlyInAnyOrder("moved", "marker");
        StoredEvent moved = picture.stream().filter(e -> e.uid().equals("moved")).findFirst().orElseThrow();
        assertThat(moved.lat()).isEqualTo(35.5);
        assertThat(picture.stream().filter(e -> e.uid().equals("marker")).findFirst().orElseThrow().groups())
                .containsExactly("Red");
    }

    @Test
    void thePictureIsBoundedToTheNewestItemsAndTiesGoToTheLaterRow() {
        for (int i = 0; i < 5; i++) {
            Instant at = T0.plusSeconds(i);
            write(StoredEvent.of(Events.position("unit-" + i, "a-f-G", 35, 139, at, 600), "a", Set.of("Blue"), false, at));
        }
        // two rows of one uid received in the same millisecond: the one written last is the newest
        Instant tie = T0.plusSeconds(10);
        write(StoredEvent.of(Events.position("tied", "a-f-G", 35.0, 139, tie, 600), "a", Set.of("Blue"), false, tie));
        write(StoredEvent.of(Events.position("tied", "a-f-G", 36.0, 139, tie, 600), "a", Set.of("Blue"), false, tie));
        // a newer, already expired report of unit-4 hides its unexpired one, and takes no place in the bound
        write(StoredEvent.of(Events.position("unit-4", "a-f-G", 35, 139, T0.plusSeconds(11), 1), "a", Set.of("Blue"),
                false, T0.plusSeconds(11)));

        List<StoredEvent> picture = store.currentPicture(T0.plusSeconds(20), 3);

        assertThat(picture).extracting(StoredEvent::uid).containsExactly("tied", "unit-3", "unit-2");
        assertThat(picture.get(0).lat()).isEqualTo(36.0);
    }

    @Test
    void aReaderSeesOnlyBroadcastEventsWrittenIntoOneOfItsGroups() {
        CotEvent e = Events.position("x", "a-f-G", 35, 139, T0, 90);
        write(StoredEvent.of(e.toBuilder().uid("blue").build(), "a", Set.of("Blue"), false, T0),
                StoredEvent.of(e.toBuilder().uid("red").build(), "a", Set.of("Red"), false, T0.plusMillis(1)),
                StoredEvent.of(e.toBuilder().uid("both").build(), "a", Set.of("Blue", "Red"), false, T0.plusMillis(2)),
                StoredEvent.of(e.toBuilder().uid("blue_direct").build(), "a", Set.of("Blue"), true, T0.plusMillis(3)),
                StoredEvent.of(e.toBuilder().uid("like%_chars").build(), "a", Set.of("B_ue%"), false, T0.plusMillis(4)));

        assertThat(uids(EventQuery.builder().build().visibleTo(Set.of("Blue")))).containsExactly("blue", "both");
        assertThat(uids(EventQuery.builder().build().visibleTo(Set.of("Red", "Green")))).containsExactly("red", "both");
        assertThat(uids(EventQuery.builder().build().visibleTo(Set.of("B_ue%")))).containsExactly("like%_chars");
        assertThat(uids(EventQuery.builder().build().visibleTo(Set.of()))).isEmpty();
        assertThat(uids(EventQuery.builder().build())).hasSize(5);
        assertThat(store.track(TrackQuery.of("both", T0, T0.plusSeconds(1)).visibleTo(Set.of("Green"))).items()).isEmpty();
        assertThat(store.track(TrackQuery.of("both", T0, T0.plusSeconds(1)).visibleTo(Set.of("Red"))).items()).hasSize(1);
    }

    @Test
    void aCursorOfOneReaderDoesNotContinueAnotherReadersQuery() {
        for (int i = 0; i < 3; i++) {
            write(Events.stored("u-" + i, "a-f-G", 35, 139, T0.plusMillis(i)));
        }
        EventQuery blue = EventQuery.builder().limit(1).build().visibleTo(Set.of("Blue"));
        String cursor = store.events(blue).next().orElseThrow();
        EventQuery red = EventQuery.builder().limit(1).build().visibleTo(Set.of("Red")).after(cursor);
        assertThatThrownBy(() -> store.events(red)).isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void accountsAreAddedOnceFoundAndUpdated() {
        var accounts = store.accounts();
        var alice = new org.kizuna.store.account.AccountRow("alice", "$argon2id$x", "operator", Set.of("Blue", "Red"), T0);
        assertThat(accounts.add(alice)).isTrue();
        assertThat(accounts.add(alice)).isFalse();
        assertThat(accounts.find("alice")).contains(alice);
        assertThat(accounts.find("bob")).isEmpty();
        var changed = new org.kizuna.store.account.AccountRow("alice", "$argon2id$y", "admin", Set.of("Blue"), T0);
        assertThat(accounts.update(changed)).isTrue();
        assertThat(accounts.all()).containsExactly(changed);
        assertThat(store.isReachable()).isTrue();
    }

    @Test
    void aQueryParameterOutOfRangeIsRefusedByName() {
        assertThatThrownBy(() -> store.events(EventQuery.builder().limit(EventQuery.MAX_LIMIT + 1).build()))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("limit:");
        assertThatThrownBy(() -> store.connections(null, null, 0))
                .isInstanceOf(InvalidQueryException.class).hasMessageStartingWith("limit:");
    }

    private List<String> uids(EventQuery query) {
        return store.events(query).items().stream().map(StoredEvent::uid).toList();
    }
}
