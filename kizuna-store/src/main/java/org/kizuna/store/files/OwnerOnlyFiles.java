package org.kizuna.store.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directories and files only their owner can read, made so when they are created: a chmod after
 * creation leaves a moment in which others may open them, and an open descriptor keeps working
 * after it. Every file of a node's data directory is made through here (or inside a directory
 * made through here, for files a library creates itself, such as H2's).
 */
public final class OwnerOnlyFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {
    }

    /**
     * Creates {@code dir} rwx------ unless it exists, and each missing parent the same way (a data
     * directory Kizuna creates is the node's alone); an existing one is reported when others have
     * access, never changed.
     */
    public static void directory(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            directory(parent);
        }
        try {
            Files.createDirectory(dir, attributes("rwx------"));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            warnIfShared(dir);
        }
    }

    /** Opens {@code file}; when {@code options} create it, it is created rw-------. */
    public static FileChannel channel(Path file, Set<? extends OpenOption> options) throws IOException {
        return FileChannel.open(file, options, attributes("rw-------"));
    }

    /**
     * Replaces {@code file} with {@code content} atomically: written to a new owner-only sibling,
     * forced to disk, then moved over the file, so a reader sees the old or the new content, never half.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel out = channel(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
            OutputStream stream = Channels.newOutputStream(out);
            stream.write(content);
            stream.flush();
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes a new file rw-------; fails when it exists. */
    public static void createNew(Path file, byte[] content) throws IOException {
        try (FileChannel out = channel(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
            OutputStream stream = Channels.newOutputStream(out);
            stream.write(content);
            stream.flush();
            out.force(true);
        }
    }

    /** Logs a warning when others than the owner may read or write {@code path}. */
    public static void warnIfShared(Path path) throws IOException {
        if (POSIX && Files.getPosixFilePermissions(path).stream().anyMatch(OTHERS::contains)) {
            LOG.warn("{} is readable or writable by others than its owner ({}); Kizuna does not change it",
                    path, PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        }
    }

    /** True when others than the owner have any access to {@code path} (false where POSIX permissions do not exist). */
    public static boolean shared(Path path) throws IOException {
        return POSIX && Files.getPosixFilePermissions(path).stream().anyMatch(OTHERS::contains);
    }

    private static FileAttribute<?>[] attributes(String permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
