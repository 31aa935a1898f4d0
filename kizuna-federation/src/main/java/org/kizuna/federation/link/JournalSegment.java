package org.kizuna.federation.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.zip.CRC32C;
import org.kizuna.store.files.OwnerOnlyFiles;

/**
 * One segment file of a {@link LinkJournal}: an 8-byte magic, then records appended one after the
 * other, each {@code length:int32 | crc32c:int32 | type:byte | payload}, where {@code length}
 * counts the type byte and payload and the CRC-32C covers them. Big-endian.
 *
 * <p>A process killed in the middle of a write leaves a short or torn last record: reading stops
 * at the first record whose length is impossible, whose bytes are missing or whose CRC differs,
 * and reports how many bytes were valid. Nothing after a bad record is trusted.
 */
final class JournalSegment implements AutoCloseable {

    static final byte[] MAGIC = "KZFEDJ01".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = 8;
    /** Largest record accepted when reading: a TAK message is bounded far below it. */
    static final int MAX_RECORD = 16 << 20;

    /** Called for each valid record while reading. */
    @FunctionalInterface
    interface Visitor {
        void record(byte type, ByteBuffer payload);
    }

    /**
     * What reading a segment found.
     *
     * @param validBytes where the last valid record ends (0 when even the magic is wrong)
     * @param fileBytes  the file's length
     * @param records    valid records read
     */
    record Read(long validBytes, long fileBytes, int records) {
        boolean intact() {
            return validBytes == fileBytes;
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final boolean forceEach;
    private final CRC32C crc = new CRC32C();
    private long size;
    private volatile boolean dirty;

    private JournalSegment(Path path, FileChannel channel, long size, boolean forceEach) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.forceEach = forceEach;
    }

    /** Creates a new segment and forces its magic; {@code forceEach} forces every record written. */
    static JournalSegment create(Path path, boolean forceEach) throws IOException {
        FileChannel channel = OwnerOnlyFiles.channel(path, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        JournalSegment s = new JournalSegment(path, channel, 0, forceEach);
        s.writeFully(ByteBuffer.wrap(MAGIC));
        s.size = HEADER;
        channel.force(false);
        return s;
    }

    /** Reads the valid records of {@code path}; never throws for bad content, only for I/O failure. */
    static Read read(Path path, Visitor visitor) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileBytes = channel.size();
            ByteBuffer magic = ByteBuffer.allocate(HEADER);
            readFully(channel, magic, 0);
            if (magic.position() < HEADER || !java.util.Arrays.equals(magic.array(), MAGIC)) {
                return new Read(0, fileBytes, 0);
            }
            long offset = HEADER;
            int records = 0;
            ByteBuffer head = ByteBuffer.allocate(8);
            CRC32C crc = new CRC32C();
            while (offset < fileBytes) {
                head.clear();
                readFully(channel, head, offset);
                if (head.position() < 8) {
                    break; // torn header
                }
                int length = head.getInt(0);
                int expected = head.getInt(4);
                if (length < 1 || length > MAX_RECORD || offset + 8 + length > fileBytes) {
                    break; // impossible length or torn body
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                readFully(channel, body, offset + 8);
                crc.reset();
                crc.update(body.array(), 0, length);
                if ((int) crc.getValue() != expected) {
                    break;
                }
                visitor.record(body.get(0), ByteBuffer.wrap(body.array(), 1, length - 1).slice());
                offset += 8 + length;
                records++;
            }
            return new Read(offset, fileBytes, records);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                return;
            }
            at += n;
        }
    }

    /** Appends one record (a single write call: a kill leaves at most this record torn). */
    void append(byte type, byte[] payload) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(9 + payload.length);
        crc.reset();
        crc.update(type);
        crc.update(payload);
        b.putInt(1 + payload.length).putInt((int) crc.getValue()).put(type).put(payload).flip();
        writeFully(b);
        size += b.limit();
        if (forceEach) {
            channel.force(false);
        } else {
            dirty = true;
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Forces what was written since the last force; safe to call concurrently with {@link #append}. */
    void force() throws IOException {
        if (dirty) {
            dirty = false;
            channel.force(false);
        }
    }

    long size() {
        return size;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
