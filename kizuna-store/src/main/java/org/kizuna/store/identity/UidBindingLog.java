package org.kizuna.store.identity;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.kizuna.store.files.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uid binding journal, {@code DATA/identity/uid-bindings.log}: append-only text (see
 * {@link BindingLines}), owner-only from creation. Blocks on file I/O: never call it on an event loop.
 *
 * <p>Shared by the running node and {@code kizuna uid}: every operation holds an exclusive lock on
 * {@code uid-bindings.lock} (not on the journal itself, which compaction replaces by rename: a
 * lock on the old file would not stop a writer that opened the new one). Each instance remembers
 * the offset up to which it has read or written, so what lies beyond is what others appended
 * ({@link #readNew}). A line cut short by a killed writer is dropped with a warning.
 */
public final class UidBindingLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UidBindingLog.class);
    static final String HEADER = "# kizuna uid bindings, format 1: tab-separated 'bound UID OWNER AT' or "
            + "'released UID OWNER BY AT'; \\\\ \\t \\n \\r escaped";

    /** One monitor per journal in this JVM: a file lock belongs to the whole process (a node and a command in a test). */
    private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path lockFile;
    private final Object turn;
    private FileChannel lockChannel;
    private FileChannel channel;
    private Object fileKey;
    private long offset;
    private volatile long records;
    private boolean closed;

    private UidBindingLog(Path file) {
        this.file = file;
        this.lockFile = file.resolveSibling("uid-bindings.lock");
        this.turn = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new Object());
    }

    /** The journal under a data directory. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("identity").resolve("uid-bindings.log");
    }

    /** Opens the journal of {@code dataDir}, creating {@code identity/} (rwx------) and the files (rw-------). */
    public static UidBindingLog open(Path dataDir) throws IOException {
        Path file = file(dataDir);
        OwnerOnlyFiles.directory(file.getParent());
        UidBindingLog log = new UidBindingLog(file);
        log.locked(() -> {
            if (log.channel.size() == 0) {
                log.write(log.channel, 0, List.of(), HEADER);
                log.channel.force(false);
            }
            return null;
        });
        OwnerOnlyFiles.warnIfShared(file);
        return log;
    }

    /** The journal of {@code dataDir} if one was ever created there (a command must not create it). */
    public static Optional<UidBindingLog> openExisting(Path dataDir) throws IOException {
        Path file = file(dataDir);
        return Files.isRegularFile(file) ? Optional.of(open(dataDir)) : Optional.empty();
    }

    /** Reads the whole journal; {@link #readNew} continues after it. */
    public Replayed replay() throws IOException {
        return locked(this::replayLocked);
    }

    /**
     * Appends {@code batch} and forces it to disk.
     *
     * @return what others appended since this instance last read (read first, so it precedes the batch)
     */
    public List<BindingRecord> append(List<? extends BindingRecord> batch) throws IOException {
        return locked(() -> {
            List<BindingRecord> others = tail();
            appendLocked(batch);
            return others;
        });
    }

    /** What others (the {@code kizuna uid} command) appended since this instance last read or wrote. */
    public List<BindingRecord> readNew() throws IOException {
        return locked(this::tail);
    }

    /**
     * Replaces the journal with {@code live} (one bound record each) by writing a temporary file,
     * forcing it and renaming it over the journal. Records others appended meanwhile are read first
     * and kept after the snapshot, so a release is never lost to a compaction.
     *
     * @return those records, for the caller to apply
     */
    public List<BindingRecord> compact(Collection<BindingRecord.Bound> live) throws IOException {
        return locked(() -> {
            List<BindingRecord> others = tail();
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            try (FileChannel out = OwnerOnlyFiles.channel(temporary, EnumSet.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE))) {
                Writer text = new BufferedWriter(Channels.newWriter(out, StandardCharsets.UTF_8), 64 * 1024);
                text.write(HEADER + "\n");
                for (BindingRecord r : live) {
                    text.write(BindingLines.line(r) + "\n");
                }
                for (BindingRecord r : others) {
                    text.write(BindingLines.line(r) + "\n");
                }
                text.flush();
                out.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory();
            reopen();
            offset = channel.size();
            records = live.size() + others.size();
            return others;
        });
    }

    /**
     * Releases {@code uid} if the journal has it bound: reads it whole and appends the release in
     * one turn of the lock.
     *
     * @return the release written, or empty when {@code uid} is not bound
     */
    public Optional<BindingRecord.Released> release(String uid, String by, Instant at) throws IOException {
        return release(uid, by, at, r -> { });
    }

    /**
     * Releases {@code uid} as {@link #release(String, String, Instant)} does, handing the release
     * to {@code beforeWrite} (the audit record) under the lock before it is written: when that
     * throws, nothing is written.
     */
    public Optional<BindingRecord.Released> release(String uid, String by, Instant at,
                                                    Consumer<BindingRecord.Released> beforeWrite) throws IOException {
        Objects.requireNonNull(uid, "uid");
        return locked(() -> {
            Optional<String> owner = replayLocked().ownerOf(uid);
            if (owner.isEmpty()) {
                return Optional.empty();
            }
            BindingRecord.Released r = new BindingRecord.Released(uid, owner.get(), by, at);
            beforeWrite.accept(r);
            appendLocked(List.of(r));
            return Optional.of(r);
        });
    }

    /** Records in the journal now (live bindings plus releases and superseded ones), as far as this instance knows. */
    public long records() {
        return records;
    }

    private Replayed replayLocked() throws IOException {
        Replayed.Fold fold = new Replayed.Fold();
        offset = scan(0, fold::apply, fold::skipped);
        Replayed r = fold.result();
        records = r.records();
        return r;
    }

    private List<BindingRecord> tail() throws IOException {
        List<BindingRecord> others = new ArrayList<>();
        offset = scan(offset, others::add, () -> { });
        records += others.size();
        return others;
    }

    private void appendLocked(List<? extends BindingRecord> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        try {
            write(channel, offset, batch, null);
            channel.force(false);
        } catch (IOException e) {
            // a partial batch would be read back as someone else's records, and glue onto the next line
            truncateQuietly(offset);
            throw e;
        }
        offset = channel.size();
        records += batch.size();
    }

    private void write(FileChannel to, long position, List<? extends BindingRecord> batch, String header) throws IOException {
        StringBuilder text = new StringBuilder(batch.size() * 96 + 128);
        if (header != null) {
            text.append(header).append('\n');
        }
        for (BindingRecord r : batch) {
            text.append(BindingLines.line(r)).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            position += to.write(bytes, position);
        }
    }

    private interface RecordSink {
        void accept(BindingRecord r);
    }

    /** Reads complete lines from {@code from}; drops a torn last line. Returns the offset after the last complete one. */
    private long scan(long from, RecordSink sink, Runnable skipped) throws IOException {
        long end = JournalScan.complete(channel, from, (line, at) -> {
            if (line.isBlank() || line.startsWith("#")) {
                return;
            }
            try {
                sink.accept(BindingLines.parse(line));
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: unreadable record at byte {} skipped: {}", file, at, e.getMessage());
                skipped.run();
            }
        });
        long size = channel.size();
        if (size > end) {
            // We hold the lock, so no writer is half-way: a writer was killed mid-line.
            LOG.warn("{}: the last {} bytes are a record cut short (a writer was stopped while writing); dropped",
                    file, size - end);
            channel.truncate(end);
        }
        return end;
    }

    private void truncateQuietly(long size) {
        try {
            channel.truncate(size);
        } catch (IOException e) {
            LOG.warn("{}: cannot cut a failed write back to {} bytes: {}", file, size, e.getMessage());
        }
    }

    private interface LockedAction<T> {
        T run() throws IOException;
    }

    private <T> T locked(LockedAction<T> action) throws IOException {
        synchronized (turn) {
            if (closed) {
                throw new IllegalStateException("the uid binding journal is closed");
            }
            if (lockChannel == null || !lockChannel.isOpen()) {
                // (re)opened here: an interrupt during I/O closes a FileChannel for good
                lockChannel = OwnerOnlyFiles.channel(lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
            }
            try (FileLock lock = lockChannel.lock()) {
                current();
                return action.run();
            }
        }
    }

    /** Makes {@link #channel} the file now at {@link #file}: compaction by another instance renames a new one there. */
    private void current() throws IOException {
        Object key;
        try {
            key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            key = null;
        }
        if (channel != null && channel.isOpen() && key != null && key.equals(fileKey)) {
            return;
        }
        boolean replaced = channel != null && (key == null || !key.equals(fileKey));
        reopen();
        if (replaced && offset > 0) {
            // Only the node compacts, and it has read the file (a command reads it whole when it
            // needs it). Whatever replaced it, its content is not news to re-read.
            LOG.warn("{} was replaced by another process (two nodes on one data directory?); continuing at its end", file);
            offset = channel.size();
        }
    }

    private void reopen() throws IOException {
        if (channel != null) {
            channel.close();
        }
        channel = OwnerOnlyFiles.channel(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
        fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    /** Makes the rename durable; not every platform can open a directory, and there the rename is all we get. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("cannot force directory {}: {}", file.getParent(), e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (turn) {
            closed = true;
            try {
                if (channel != null) {
                    channel.close();
                }
            } finally {
                if (lockChannel != null) {
                    lockChannel.close();
                }
            }
        }
    }
}
