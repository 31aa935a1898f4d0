package org.kizuna.store.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;

/**
 * The node's append-only, hash-chained audit log ({@code DATA/audit/audit.log}). Each append
 * is written and forced to disk before it returns, so a record that was acknowledged survives a
 * crash. Appends are serialised; callers on an event loop must hand records to another thread.
 *
 * <p>Opening reads the last record to continue the chain; it does not verify the file (that is
 * {@link AuditVerifier}'s job, run offline by {@code kizuna audit verify}).
 */
public final class AuditLog implements AutoCloseable {

    private final FileChannel channel;
    private final Clock clock;
    private long seq;
    private String prev;

    private AuditLog(FileChannel channel, Clock clock, long seq, String prev) {
        this.channel = channel;
        this.clock = clock;
        this.seq = seq;
        this.prev = prev;
    }

    /** The log file under a data directory. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("audit").resolve("audit.log");
    }

    public static AuditLog open(Path file, Clock clock) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        long seq = 0;
        String prev = AuditChain.GENESIS;
        if (Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isEmpty()) {
                    AuditRecord last = AuditChain.parse(lines.get(i));
                    seq = last.seq();
                    prev = last.hash();
                    break;
                }
            }
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new AuditLog(ch, clock, seq, prev);
    }

    /** Appends one record and returns it once it is on disk. */
    public synchronized AuditRecord append(String kind, String actor, String detail) {
        long next = seq + 1;
        java.time.Instant at = clock.instant();
        AuditRecord r = new AuditRecord(next, at, kind, actor, detail, prev, AuditChain.hash(next, at, kind, actor, detail, prev));
        try {
            ByteBuffer bytes = ByteBuffer.wrap((AuditChain.line(r) + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log", e);
        }
        seq = next;
        prev = r.hash();
        return r;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
