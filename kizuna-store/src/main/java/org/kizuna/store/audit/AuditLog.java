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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kizuna.store.files.OwnerOnlyFiles;

/**
 * The node's append-only audit log ({@code DATA/audit/audit.log}), each record chained to the one
 * before by an HMAC under the node's {@link AuditKey}. Each append is written and forced to disk
 * before it returns, so a record that was acknowledged survives a crash. Appends hold an
 * exclusive lock on the file and continue from its last record, so the running node and the
 * admin commands ({@code kizuna posture}) can append to one chain. An append blocks: callers on
 * an event loop must hand records to another thread.
 *
 * <p>Opening and each append check the last record: one that does not parse, or whose hash this
 * key did not make (an edit, or the wrong key), makes the open or the append fail, so nobody
 * continues a chain that was changed at its end, a node does not start on one, and callers refuse
 * what they were about to record. The whole file
 * is checked offline by {@link AuditVerifier} ({@code kizuna audit verify}).
 */
public final class AuditLog implements AutoCloseable {

    /**
     * One monitor per file in this JVM: a file lock is held by the whole process, so two logs on
     * one file in one JVM (a node and an admin command in a test) must also take turns here.
     */
    private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final AuditKey key;
    private final Clock clock;
    private final Object turn;

    private AuditLog(Path file, FileChannel channel, AuditKey key, Clock clock, Object turn) {
        this.file = file;
        this.channel = channel;
        this.key = key;
        this.clock = clock;
        this.turn = turn;
    }

    /** The log file under a data directory. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("audit").resolve("audit.log");
    }

    /**
     * The node's log in {@code dataDir}, keyed with the key in {@code keyFile} (made on first use):
     * what an admin command opens to record its step.
     */
    public static AuditLog openNodeLog(Path dataDir, Path keyFile, Clock clock) throws IOException {
        return open(file(dataDir), AuditKey.loadOrCreate(keyFile), clock);
    }

    /**
     * Opens (or creates, owner-only) the log. A log written before records were keyed is kept
     * aside and continued by a new keyed chain whose first record names it (see {@link UnkeyedLog}).
     */
    public static AuditLog open(Path file, AuditKey key, Clock clock) throws IOException {
        OwnerOnlyFiles.directory(file.toAbsolutePath().getParent());
        FileChannel ch = OwnerOnlyFiles.channel(file,
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
        AuditLog log = new AuditLog(file, ch, key, clock,
                IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object()));
        try {
            synchronized (log.turn) {
                try (FileLock lock = ch.lock()) {
                    log.keepUnkeyedAside();
                    log.checkedLast();
                }
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return log;
    }

    /** Appends one record and returns it once it is on disk; an {@link UncheckedIOException} says why it could not. */
    public AuditRecord append(String kind, String actor, String detail) {
        synchronized (turn) {
            try (FileLock lock = channel.lock()) {
                return appendLocked(kind, actor, detail);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the audit log " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private AuditRecord appendLocked(String kind, String actor, String detail) throws IOException {
        AuditRecord last = checkedLast();
        long next = last == null ? 1 : last.seq() + 1;
        String prev = last == null ? AuditChain.GENESIS : last.hash();
        Instant at = clock.instant();
        AuditRecord r = new AuditRecord(next, at, kind, actor, detail, prev,
                AuditChain.hash(key, next, at, kind, actor, detail, prev));
        ByteBuffer bytes = ByteBuffer.wrap((AuditChain.line(r) + "\n").getBytes(StandardCharsets.UTF_8));
        long position = channel.size();
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        channel.force(false);
        return r;
    }

    /** The last record, or null for an empty log; an {@link IOException} when this key cannot continue it. */
    private AuditRecord checkedLast() throws IOException {
        AuditRecord last = last();
        if (last != null && !AuditChain.hash(key, last).equals(last.hash())) {
            throw new IOException("its last record (" + last.seq() + ") was not written with this audit key: the log "
                    + "was changed, or this is not the node's key (audit.keyFile); kizuna audit verify names the record");
        }
        return last;
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
            throw new IOException("its last record is longer than 64 KiB");
        }
        try {
            return AuditChain.parse(trimmed.substring(nl + 1));
        } catch (IllegalArgumentException e) {
            throw new IOException("its last record is unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** Under the lock: a log of the unkeyed format is copied aside read-only and restarted keyed. */
    private void keepUnkeyedAside() throws IOException {
        if (channel.size() == 0) {
            return;
        }
        byte[] old = new byte[(int) Math.min(channel.size(), Integer.MAX_VALUE - 8)];
        channel.read(ByteBuffer.wrap(old), 0);
        String text = new String(old, StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        AuditRecord first;
        try {
            first = AuditChain.parse(lines[0]);
        } catch (IllegalArgumentException e) {
            return; // not this node's to judge here: verify names it, appends refuse a broken end
        }
        if (!UnkeyedLog.opens(first, key)) {
            return;
        }
        String head;
        try {
            head = AuditChain.parse(lines[lines.length - 1]).hash();
        } catch (IllegalArgumentException e) {
            head = AuditChain.GENESIS; // its end was unreadable already; verify of the kept file says where
        }
        Path aside = file.resolveSibling(UnkeyedLog.asideName(clock.instant()));
        OwnerOnlyFiles.createNew(aside, old);
        try {
            Files.setPosixFilePermissions(aside, PosixFilePermissions.fromString("r--------"));
        } catch (UnsupportedOperationException notPosix) {
            // read-only is a courtesy; the keyed chain holds its head hash either way
        }
        channel.truncate(0);
        channel.force(true);
        appendLocked(UnkeyedLog.KIND, "node", UnkeyedLog.continuation(
                new UnkeyedLog.Continued(aside.getFileName().toString(), lines.length, head)));
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
