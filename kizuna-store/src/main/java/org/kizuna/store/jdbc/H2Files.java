package org.kizuna.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import org.h2.tools.ChangeFileEncryption;
import org.kizuna.store.StoreException;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.files.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's files: every event, chat and password hash of the node. H2 creates
 * them itself (as the umask says), so they are put in a directory only the node's user may enter,
 * made owner-only once open, and encrypted with AES when {@code store.encrypt} gives a key. A
 * database made before encryption was switched on is encrypted in place, once, on open.
 */
final class H2Files {

    private static final Logger log = LoggerFactory.getLogger(H2Files.class);
    private static final String PREFIX = "jdbc:h2:file:";
    /** What H2 writes at the start of a file it encrypts (FilePathEncrypt). */
    private static final byte[] ENCRYPTED_HEADER = "H2encrypt".getBytes(StandardCharsets.US_ASCII);

    private final Path directory;
    private final String name;

    private H2Files(Path directory, String name) {
        this.directory = directory;
        this.name = name;
    }

    /** The files of an H2 file URL; empty for PostgreSQL and H2's in-memory databases. */
    static Optional<H2Files> of(String url) {
        if (!url.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String path = url.substring(PREFIX.length());
        int options = path.indexOf(';');
        if (options >= 0) {
            path = path.substring(0, options);
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        Path base = Path.of(path).toAbsolutePath().normalize();
        return Optional.of(new H2Files(base.getParent(), base.getFileName().toString()));
    }

    /** The URL and password H2 is opened with: with a key, the file cipher and H2's "file user" password pair. */
    static String url(StoreSettings settings) {
        return settings.fileKey() == null ? settings.url() : settings.url() + ";CIPHER=AES";
    }

    static String password(StoreSettings settings) {
        return settings.fileKey() == null ? settings.password() : settings.fileKey() + " " + settings.password();
    }

    /**
     * Before the first connection: the directory owner-only, and an existing database file in the
     * state the settings ask for (encrypted now if it was not; a clear error when it cannot be read).
     */
    void prepare(String fileKey) {
        try {
            OwnerOnlyFiles.directory(directory);
            Path file = databaseFile();
            if (!Files.isRegularFile(file)) {
                return;
            }
            boolean encrypted = encrypted(file);
            if (fileKey == null && encrypted) {
                throw new StoreException(file + " is encrypted but store.encrypt is off: set store.encrypt: true with the"
                        + " key file it was encrypted with", null);
            }
            if (fileKey != null && !encrypted) {
                encryptInPlace(fileKey);
            }
        } catch (IOException e) {
            throw new StoreException("cannot prepare the history database's directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private void encryptInPlace(String fileKey) {
        log.warn("store.encrypt is on and {} is not encrypted yet: encrypting it now (AES)", databaseFile());
        try {
            ChangeFileEncryption.execute(directory.toString(), name, "AES", null, fileKey.toCharArray(), true);
        } catch (SQLException e) {
            throw new StoreException("cannot encrypt " + databaseFile() + ": " + e.getMessage(), e);
        }
    }

    /** Once open: every file of the database rw------- (the directory kept others out meanwhile). */
    void tighten() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, name + ".*")) {
            for (Path f : files) {
                if (OwnerOnlyFiles.shared(f)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("cannot make the history database's files owner-only in {}: {}", directory, e.getMessage());
        }
    }

    /** True when the database file exists and H2 encrypted it. */
    boolean encryptedFileExists() throws IOException {
        return Files.isRegularFile(databaseFile()) && encrypted(databaseFile());
    }

    Path databaseFile() {
        return directory.resolve(name + ".mv.db");
    }

    static boolean encrypted(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ENCRYPTED_HEADER.length), ENCRYPTED_HEADER);
        }
    }
}
