package org.kizuna.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the history lives and how much of it to keep.
 *
 * @param url        JDBC URL: {@code jdbc:h2:file:...} (the embedded default) or {@code jdbc:postgresql://...}
 * @param maxAge     keep events received within this long; null keeps them until {@code maxBytes} needs room
 * @param maxBytes   approximate upper bound of the event table's size on disk; 0 means no bound
 * @param poolSize   pooled connections: one for the writer, one for retention, the rest for queries
 * @param fileKey    H2 only: the key the database file is encrypted with (AES), kept outside that
 *                   file; null leaves the file unencrypted
 */
public record StoreSettings(String url, String user, String password, Duration maxAge, long maxBytes, int poolSize,
                            String fileKey) {

    /** Thirty days, the default age limit. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

    public StoreSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("store.url: only jdbc:h2: and jdbc:postgresql: are supported, got " + url);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (maxAge != null && maxAge.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("store.retention.maxAge: at least one minute, got " + maxAge);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("store.retention.maxBytes: must be >= 0, got " + maxBytes);
        }
        if (poolSize < 2 || poolSize > 64) {
            throw new IllegalArgumentException("store pool size must be 2..64, got " + poolSize);
        }
        if (fileKey != null && !url.startsWith("jdbc:h2:file:")) {
            throw new IllegalArgumentException("store.encrypt applies to the embedded H2 file only; encrypt a PostgreSQL"
                    + " server's storage with the operating system (" + url + ")");
        }
        if (fileKey != null && (fileKey.isEmpty() || fileKey.contains(" "))) {
            throw new IllegalArgumentException("the store's file key must be non-empty without spaces");
        }
    }

    /** Unencrypted. */
    public StoreSettings(String url, String user, String password, Duration maxAge, long maxBytes, int poolSize) {
        this(url, user, password, maxAge, maxBytes, poolSize, null);
    }

    /** The same store, its file encrypted with {@code key}. */
    public StoreSettings encryptedWith(String key) {
        return new StoreSettings(url, user, password, maxAge, maxBytes, poolSize, key);
    }

    /** The embedded H2 database in {@code directory} (file {@code history.mv.db}). */
    public static StoreSettings h2(Path directory) {
        return new StoreSettings(h2Url(directory), "", "", DEFAULT_MAX_AGE, 0, 4);
    }

    /**
     * The H2 URL for {@code directory}. {@code WRITE_DELAY=0} writes every commit to the file at
     * once (not within H2's default half second), so a killed node keeps what it committed.
     */
    public static String h2Url(Path directory) {
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("history") + ";WRITE_DELAY=0";
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        // never the password
        return "StoreSettings[url=" + url + ", user=" + user + ", maxAge=" + maxAge + ", maxBytes=" + maxBytes
                + (fileKey == null ? "" : ", encrypted") + "]";
    }
}
