package org.kizuna.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * How the PKI puts files on disk. Files are always created new (never overwritten: an existing
 * key is somebody's identity), but for two: the register of issued certificates, only ever
 * appended to, and the CRL, replaced whole and atomically by a newer one. Secret files (private keys, and anything that contains one) are
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

    /**
     * Appends {@code line} to {@code file} in one write, creating it owner-only, starting with
     * {@code header}, when it does not exist. One write with O_APPEND keeps lines whole when two
     * commands append at once.
     */
    static void appendPrivate(Path file, String header, String line) throws IOException {
        Set<OpenOption> append = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        boolean posix = supportsPosix(file.toAbsolutePath().getParent());
        try (SeekableByteChannel channel = posix
                ? Files.newByteChannel(file, append, PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.newByteChannel(file, append)) {
            String text = channel.size() == 0 ? header + line : line;
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    /**
     * Replaces {@code file} atomically with an owner-only file holding {@code content}: written to
     * a new sibling, forced to disk, then renamed over it, so a reader (the running node) sees the
     * old file or the new one, never half of one.
     */
    static void replacePrivate(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            writeSecret(temporary, content);
            try (FileChannel channel = FileChannel.open(temporary,
                    StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Opens {@code file} for writing, creating it empty and owner-only if needed (a file to lock). */
    static FileChannel openPrivate(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return supportsPosix(file.toAbsolutePath().getParent())
                ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : FileChannel.open(file, options);
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
