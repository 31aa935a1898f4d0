package org.kizuna.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.store.jdbc.JdbcHistoryStore;

/**
 * The embedded database at rest: its files only the node's user can read, and with a key, not
 * readable at all without it — whoever copies the file gets no event, no chat, no password hash.
 */
class H2AtRestTest {

    static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    static final String KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final String SECRET_UID = "SECRET-UNIT-4711";

    @TempDir
    Path data;

    private StoreSettings plain() {
        return StoreSettings.h2(data.resolve("history"));
    }

    private static JdbcHistoryStore open(StoreSettings settings) {
        return JdbcHistoryStore.open(settings, Clock.fixed(T0, ZoneOffset.UTC), false);
    }

    private static void writeOne(JdbcHistoryStore store) {
        store.write(WriteBatch.ofEvents(List.of(Events.stored(SECRET_UID, "a-f-G", 35, 139, T0))));
    }

    private static List<String> uids(JdbcHistoryStore store) {
        return store.events(EventQuery.builder().build()).items().stream().map(StoredEvent::uid).toList();
    }

    @Test
    void theDatabaseDirectoryAndItsFilesAreOwnerOnlyWhateverTheUmask() throws IOException {
        try (JdbcHistoryStore store = open(plain())) {
            writeOne(store);
        }
        Path dir = data.resolve("history");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertThat(all).isNotEmpty();
            for (Path f : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anEncryptedFileHoldsNoPlainTextAndOpensOnlyWithItsKey() throws IOException {
        try (JdbcHistoryStore store = open(plain().encryptedWith(KEY))) {
            writeOne(store);
        }
        Path file = data.resolve("history").resolve("history.mv.db");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET_UID)
                .startsWith("H2encrypt");

        try (JdbcHistoryStore store = open(plain().encryptedWith(KEY))) {
            assertThat(uids(store)).containsExactly(SECRET_UID);
        }
        assertThatThrownBy(() -> open(plain())).isInstanceOf(StoreException.class)
                .hasMessageContaining("is encrypted but store.encrypt is off");
        assertThatThrownBy(() -> open(plain().encryptedWith(KEY.replace('0', '9')))).isInstanceOf(StoreException.class);
    }

    @Test
    void aPlainDatabaseIsEncryptedInPlaceWhenEncryptionIsSwitchedOnKeepingItsEvents() throws IOException {
        try (JdbcHistoryStore store = open(plain())) {
            writeOne(store);
        }
        Path file = data.resolve("history").resolve("history.mv.db");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).contains(SECRET_UID);

        try (JdbcHistoryStore store = open(plain().encryptedWith(KEY))) {
            assertThat(uids(store)).containsExactly(SECRET_UID);
        }
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET_UID);
    }

    @Test
    void encryptionIsRefusedForPostgresqlWhereTheServerOwnsTheFiles() {
        assertThatThrownBy(() -> new StoreSettings("jdbc:postgresql://127.0.0.1/kizuna", "k", "p", null, 0, 4, KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("H2 file only");
    }
}
