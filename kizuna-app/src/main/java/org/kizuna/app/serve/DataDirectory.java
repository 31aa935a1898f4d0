package org.kizuna.app.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.kizuna.app.config.ConfigException;
import org.kizuna.store.files.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's data directory holds every event, password hash, key and journal: only the node's
 * user may enter it. Made rwx------ when missing; one that others may enter (made by hand, or by
 * an older version) is closed to them before anything opens, with a warning, since whatever
 * lies inside is then out of their reach however it was created.
 */
final class DataDirectory {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    private DataDirectory() {
    }

    static void secure(Path dataDir) {
        try {
            if (!Files.isDirectory(dataDir)) {
                OwnerOnlyFiles.directory(dataDir);
                return;
            }
            if (OwnerOnlyFiles.shared(dataDir)) {
                String before = PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir));
                Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
                log.warn("data directory {} was open to others ({}); now rwx------", dataDir, before);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException("cannot make the data directory " + dataDir + " owner-only: " + e.getMessage(), e);
        }
    }
}
