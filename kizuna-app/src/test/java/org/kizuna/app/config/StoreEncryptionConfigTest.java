package org.kizuna.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.jdbc.JdbcHistoryStore;

/** {@code store.encrypt}: the key outside the database file, made once, never silently replaced. */
class StoreEncryptionConfigTest {

    @TempDir
    Path dir;

    private StoreSettings load(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("kizuna.yaml"), "node: {id: jpn-1}\n" + yaml);
        return NodeConfigLoader.load(file, dir.resolve("data")).history().store();
    }

    @Test
    void theKeyIsMadeOwnerOnlyUnderKeysOnFirstUseAndReadBackTheSame() throws Exception {
        StoreSettings first = load("store: {encrypt: true}\n");
        Path key = dir.resolve("data").resolve("keys").resolve("store.key");

        assertThat(first.fileKey()).hasSize(64);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(load("store: {encrypt: true}\n").fileKey()).isEqualTo(first.fileKey());
        assertThat(load("").fileKey()).isNull();
    }

    @Test
    void aKeyFileElsewhereIsUsed() throws Exception {
        Path elsewhere = dir.resolve("vault").resolve("kizuna-store.key");
        StoreSettings s = load("store: {encrypt: true, keyFile: '" + elsewhere + "'}\n");

        assertThat(elsewhere).isRegularFile();
        assertThat(s.fileKey()).isNotNull();
        assertThat(dir.resolve("data").resolve("keys").resolve("store.key")).doesNotExist();
    }

    @Test
    void anEncryptedDatabaseWhoseKeyIsLostIsAClearErrorNotANewKey() throws Exception {
        StoreSettings s = load("store: {encrypt: true}\n");
        JdbcHistoryStore.open(s, Clock.systemUTC(), false).close();
        Path key = dir.resolve("data").resolve("keys").resolve("store.key");
        Files.delete(key);

        assertThatThrownBy(() -> load("store: {encrypt: true}\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is missing and the history database exists");
        assertThat(key).doesNotExist();
    }
}
