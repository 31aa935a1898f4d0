package org.kizuna.store.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's append-only, hash-chained audit log ({@code DATA/audit/audit.log}). Each append
 * is written and forced to disk before it returns, so a record that was acknowledged survives a
 * crash. Appends hold an exclusive lock on the file and continue from its last record, so the
 * running node and the admin commands ({@code kizuna posture}) can append to one chain. An append
 * blocks: callers on an event loop must hand records to another thread.
 *
 * <p>Nothing here verifies the file (that is {@link AuditVerifier}'s job, run offline by
 * {@code kizuna audit verify}).
 */
public final class AuditLog implements AutoCloseable {

    /**
     * One monitor per file in this JVM: a file lock is held by the whole process, so two logs on
     * one file in one JVM (a node and an admin command in a test) must also take turns here.
     */
    private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private final FileChannel channel;
    private final Clock clock;
    private final Object turn;

    private AuditLog(FileChannel channel, Clock clock, Object turn) {
        this.channel = channel;
        this.clock = clock;
        this.turn = turn;
    }

    /** The log file under a data directory. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("audit").resolve("audit.log");
    }

    public static AuditLog open(Path file, Clock clock) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new AuditLog(ch, clock, IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object()));
    }

    /** The last record of the file, or null when it is empty. Reads backwards from the end. */
    private AuditRecord last() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return null;
        }
        int window = (int) Math.min(size, 64 * 1024);
        ByteBuffer buf = ByteBuffer.allocate(window);
        channel.read(buf, size - window);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        String trimmed = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        int nl = trimmed.lastIndexOf('\n');
        if (nl < 0 && window < size) {
            throw new IOException("last audit record is longer than 64 KiB");
        }
        return AuditChain.parse(trimmed.substring(nl + 1));
    }

    /** Appends one record and returns it once it is on disk. */
    public AuditRecord append(String kind, String actor, String detail) {
        synchronized (turn) {
            return appendLocked(kind, actor, detail);
        }
    }

    private AuditRecord appendLocked(String kind, String actor, String detail) {
        try (FileLock lock = channel.lock()) {
            AuditRecord last = last();
            long next = last == null ? 1 : last.seq() + 1;
            String prev = last == null ? AuditChain.GENESIS : last.hash();
            java.time.Instant at = clock.instant();
            AuditRecord r = new AuditRecord(next, at, kind, actor, detail, prev,
                    AuditChain.hash(next, at, kind, actor, detail, prev));
            ByteBuffer bytes = ByteBuffer.wrap((AuditChain.line(r) + "\n").getBytes(StandardCharsets.UTF_8));
            long position = channel.size();
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            channel.force(false);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
