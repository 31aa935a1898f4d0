package org.kizuna.store.identity;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directories and files only their owner can read, made so when they are created: a chmod after
 * creation leaves a moment in which others may open them, and an open descriptor keeps working
 * after it. Existing ones are never changed, only reported when others have access.
 */
final class OwnerOnlyFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    private static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {
    }

    /** Creates {@code dir} rwx------ unless it exists (its parents as the umask says). */
    static void directory(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
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
    static FileChannel channel(Path file, Set<? extends OpenOption> options) throws IOException {
        return FileChannel.open(file, options, attributes("rw-------"));
    }

    static void warnIfShared(Path path) throws IOException {
        if (POSIX && Files.getPosixFilePermissions(path).stream().anyMatch(OTHERS::contains)) {
            LOG.warn("{} is readable or writable by others than its owner ({}); Kizuna does not change it",
                    path, PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        }
    }

    private static FileAttribute<?>[] attributes(String permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
