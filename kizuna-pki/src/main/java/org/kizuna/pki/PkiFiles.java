package org.kizuna.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * How the PKI puts files on disk. Files are always created new (never overwritten: an existing
 * key is somebody's identity). Secret files (private keys, and anything that contains one) are
 * created owner-only, rw-------, in the same system call that creates them, so there is no
 * window in which another user could open them; on file systems without POSIX permissions
 * (Windows) the directory's ACL applies.
 */
final class PkiFiles {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private PkiFiles() {
    }

    /**
     * Creates {@code directory} owner-only if it does not exist yet, and each missing parent the
     * same way ({@code pki init --data DIR} is usually what creates the data directory); leaves an
     * existing one alone.
     */
    static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        createPrivateDirectory(parent);
        if (supportsPosix(parent)) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
            Files.createDirectory(directory);
        }
    }

    /** Writes a new file readable by its owner only. */
    static void writeSecret(Path file, byte[] content) throws IOException {
        if (supportsPosix(file.toAbsolutePath().getParent())) {
            write(file, content, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            // The umask can only remove bits; set them again so the result never depends on it.
            Files.setPosixFilePermissions(file, OWNER_FILE);
        } else {
            write(file, content);
        }
    }

    static void writeSecret(Path file, String content) throws IOException {
        writeSecret(file, content.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Writes a new certificate or trust store. Nothing secret, yet owner-only too: a data directory
     * holds nothing others may read, so an inspection finds one rule without exceptions.
     */
    static void writePublic(Path file, byte[] content) throws IOException {
        writeSecret(file, content);
    }

    static void writePublic(Path file, String content) throws IOException {
        writePublic(file, content.getBytes(StandardCharsets.US_ASCII));
    }

    static boolean supportsPosix(Path directory) throws IOException {
        return Files.getFileStore(directory).supportsFileAttributeView("posix");
    }

    private static void write(Path file, byte[] content, FileAttribute<?>... attributes) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, CREATE_NEW, attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (FileAlreadyExistsException e) {
            throw new PkiException(file + " already exists; refusing to overwrite it", e);
        }
    }
}
