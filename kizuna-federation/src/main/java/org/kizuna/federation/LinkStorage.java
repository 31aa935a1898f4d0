package org.kizuna.federation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where links keep what must survive a restart of this node (their outbound logs' epochs and
 * durable frames, and their receive positions), one directory per partner under {@code dir}.
 *
 * @param dir          {@code DATA/federation/links} for a node; {@code null} keeps everything in
 *                     memory (a restart then starts new logs, and unacknowledged chat is lost)
 * @param syncInterval how long written records may wait before they are forced to the disk
 *                     (group commit); zero forces every record as it is written. Records are
 *                     written to the file at once either way, so a killed process loses nothing;
 *                     the interval bounds what a power failure or OS crash may lose.
 */
public record LinkStorage(Path dir, Duration syncInterval) {

    /** The default group commit: see docs/performance.md, "Federation link". */
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMillis(10);

    /** Nothing on disk. */
    public static final LinkStorage MEMORY = new LinkStorage(null, Duration.ZERO);

    public LinkStorage {
        Objects.requireNonNull(syncInterval, "syncInterval");
        if (syncInterval.isNegative()) {
            throw new IllegalArgumentException("federation.store.syncInterval must be >= 0: " + syncInterval);
        }
    }

    /** Journals under {@code dir} with the default sync interval. */
    public static LinkStorage under(Path dir) {
        return new LinkStorage(Objects.requireNonNull(dir, "dir"), DEFAULT_SYNC_INTERVAL);
    }

    public boolean durable() {
        return dir != null;
    }
}
