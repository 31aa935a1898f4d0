package org.kizuna.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.files.SecretKeyFile;
import org.kizuna.store.jdbc.JdbcHistoryStore;

/**
 * The key of an encrypted history file ({@code store.encrypt: true}): {@code DATA/keys/store.key}
 * unless {@code store.keyFile} says where, made on first use. A database that is encrypted already
 * never gets a new key: without its own it cannot be read, and that is said plainly.
 */
final class StoreKey {

    static final String DEFAULT_FILE = "keys/store.key";

    private StoreKey() {
    }

    static String read(Path keyFile, StoreSettings store) {
        try {
            if (!Files.exists(keyFile) && JdbcHistoryStore.encryptedFileExists(store.url())) {
                throw new ConfigException("store.encrypt: the key file " + keyFile + " is missing and the history"
                        + " database exists; restore the key it was encrypted with (a new key cannot read it)", null);
            }
            return HexFormat.of().formatHex(SecretKeyFile.loadOrCreate(keyFile));
        } catch (IOException e) {
            throw new ConfigException("store.keyFile " + keyFile + ": " + e.getMessage(), e);
        }
    }
}
