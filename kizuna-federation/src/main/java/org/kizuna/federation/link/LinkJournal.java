package org.kizuna.federation.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.kizuna.federation.wire.FederationProtocol.Frame;
import org.kizuna.store.files.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link LinkStore} of one partner: append-only segment files
 * ({@link JournalSegment}, {@code NNNNNNNNNNNN.seg}) in the link's directory.
 *
 * <p>Records: {@code STATE} (epoch, sequence floor, acknowledged, receive epoch and position: a
 * snapshot, first in every segment), {@code FRAME} (sequence, the protobuf frame: retractions),
 * {@code EVENT} (sequence, the release stamp's shaping, the protobuf frame), {@code ACK},
 * {@code RECEIVED}, {@code RESERVE}, {@code WITHDRAWN} (sequence: a frame the release guard no
 * longer released when it was due to be sent). Replaying the segments in order rebuilds the link.
 *
 * <p>Writes go to the file at once (a killed process loses nothing that was written); forcing them
 * to the disk is grouped: {@link #sync()} runs every sync interval on the link thread, or every
 * record is forced when the interval is zero. Reservations are always forced: a sequence number
 * must never be handed out twice, even after a power failure.
 *
 * <p>Compaction: a segment rolls over at {@code segmentBytes}; the new one starts with a STATE
 * snapshot, so an older segment whose frames are all acknowledged says nothing the newer ones do
 * not, and is deleted (only from the oldest on, so the replay order stays intact).
 *
 * <p>Recovery: a segment whose tail is torn or corrupt (a kill in the middle of a write) is cut
 * back to its last valid record; one whose magic is wrong is renamed {@code .bad}. Both are logged
 * and counted; the node starts with the valid prefix. Every run appends to a new segment.
 */
final class LinkJournal implements LinkStore {

    private static final Logger log = LoggerFactory.getLogger(LinkJournal.class);

    static final byte STATE = 1;
    static final byte FRAME = 2;
    static final byte ACK = 3;
    static final byte RECEIVED = 4;
    static final byte RESERVE = 5;
    static final byte WITHDRAWN = 6;
    static final byte EVENT = 7;

    /** Segments roll over at this size unless told otherwise. */
    static final long SEGMENT_BYTES = 16 << 20;

    /** A closed segment and the highest frame sequence in it (0: none). */
    private record Closed(Path path, long lastFrame) {
    }

    private final Path dir;
    private final FileChannel lockFile;
    private final java.nio.channels.FileLock lock;
    private final boolean forceEach;
    private final long segmentBytes;
    private final Recovered recovered;
    private final Deque<Closed> closed = new ArrayDeque<>();
    // Guarded by this:
    private JournalSegment active;
    private long activeLastFrame;
    private long nextSegment;
    private final long epoch;
    private long reserved;
    private long acknowledged;
    private long receivedEpoch;
    private long receivedLast;

    /**
     * Opens (or creates) the journal in {@code dir}.
     *
     * @param syncInterval zero to force every record; otherwise the caller calls {@link #sync()} that often
     * @param corrupt      told how many damaged segments recovery found (counted by the caller)
     */
    static LinkJournal open(Path dir, java.time.Duration syncInterval, long segmentBytes, IntConsumer corrupt)
            throws IOException {
        return new LinkJournal(dir, syncInterval.isZero(), segmentBytes, corrupt);
    }

    private LinkJournal(Path dir, boolean forceEach, long segmentBytes, IntConsumer corrupt) throws IOException {
        // what partners were sent and sent us: the node's alone, like the rest of its data directory
        OwnerOnlyFiles.directory(dir);
        this.dir = dir;
        // Two nodes started on one data directory would interleave their records: the second one fails.
        this.lockFile = OwnerOnlyFiles.channel(dir.resolve("lock"), EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        java.nio.channels.FileLock held = null;
        try {
            held = lockFile.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
            // held by another journal of this process
        }
        if (held == null) {
            lockFile.close();
            throw new IOException("federation journal " + dir + " is in use by another node process");
        }
        this.lock = held;
        this.forceEach = forceEach;
        this.segmentBytes = segmentBytes;
        Replay replay;
        try {
            replay = replay(corrupt);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockFile.close();
            throw e;
        }
        boolean restored = replay.epoch != 0;
        this.epoch = restored ? replay.epoch : Epochs.next();
        this.reserved = replay.reserved;
        this.acknowledged = replay.acknowledged;
        this.receivedEpoch = replay.receivedEpoch;
        this.receivedLast = replay.receivedLast;
        replay.frames.headMap(acknowledged, true).clear();
        List<Stored> frames = new ArrayList<>(replay.frames.values());
        this.recovered = new Recovered(epoch, reserved, acknowledged, List.copyOf(frames), receivedEpoch, receivedLast,
                restored);
        try {
            roll();
        } catch (IOException e) {
            lock.release();
            lockFile.close();
            throw e;
        }
        compact(); // the new segment's snapshot supersedes every old segment without unacknowledged frames
        if (restored) {
            log.info("federation journal {}: epoch {}, {} unacknowledged durable frames, resuming above {}; "
                    + "received {} of epoch {}", dir, Long.toHexString(epoch), frames.size(), reserved, receivedLast,
                    Long.toHexString(receivedEpoch));
        }
    }

    /** Reads every segment in order, repairing damaged ones. */
    private Replay replay(IntConsumer corrupt) throws IOException {
        Replay replay = new Replay();
        int damaged = 0;
        for (Path segment : segments()) {
            replay.lastFrame = 0;
            JournalSegment.Read read = JournalSegment.read(segment, replay);
            if (read.validBytes() == 0) {
                Path aside = segment.resolveSibling(segment.getFileName() + ".bad");
                Files.move(segment, aside, StandardCopyOption.REPLACE_EXISTING);
                log.warn("federation journal {}: not a journal segment (bad magic), moved to {}", segment, aside);
                damaged++;
                continue;
            }
            if (!read.intact()) {
                log.warn("federation journal {}: {} damaged bytes after {} valid records (a write cut short?): "
                        + "keeping the first {} bytes", segment, read.fileBytes() - read.validBytes(), read.records(),
                        read.validBytes());
                try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                    ch.truncate(read.validBytes());
                    ch.force(true);
                }
                damaged++;
            }
            closed.add(new Closed(segment, replay.lastFrame));
            nextSegment = Math.max(nextSegment, number(segment) + 1);
        }
        if (damaged > 0) {
            corrupt.accept(damaged);
        }
        return replay;
    }

    /** Applies records in order. */
    private static final class Replay implements JournalSegment.Visitor {
        long epoch;
        long reserved;
        long acknowledged;
        long receivedEpoch;
        long receivedLast;
        long lastFrame;
        final TreeMap<Long, Stored> frames = new TreeMap<>();

        @Override
        public void record(byte type, ByteBuffer p) {
            switch (type) {
                case STATE -> {
                    epoch = p.getLong();
                    reserved = Math.max(reserved, p.getLong());
                    acknowledged = Math.max(acknowledged, p.getLong());
                    receivedEpoch = p.getLong();
                    receivedLast = p.getLong();
                }
                case FRAME, EVENT -> frame(p, type == EVENT);
                case WITHDRAWN -> frames.remove(p.getLong());
                case ACK -> acknowledged = Math.max(acknowledged, p.getLong());
                case RECEIVED -> {
                    receivedEpoch = p.getLong();
                    receivedLast = p.getLong();
                }
                case RESERVE -> reserved = Math.max(reserved, p.getLong());
                default -> log.warn("federation journal: unknown record type {}, skipped", type);
            }
        }

        private void frame(ByteBuffer p, boolean event) {
            long sequence = p.getLong();
            lastFrame = Math.max(lastFrame, sequence);
            String shaping = null;
            if (event) {
                int length = Short.toUnsignedInt(p.getShort());
                if (length > p.remaining()) {
                    log.warn("federation journal: frame {} has a shaping longer than its record, skipped", sequence);
                    return;
                }
                byte[] name = new byte[length];
                p.get(name);
                shaping = new String(name, StandardCharsets.UTF_8);
            }
            byte[] bytes = new byte[p.remaining()];
            p.get(bytes);
            try {
                frames.put(sequence, new Stored(sequence, Frame.parseFrom(bytes), shaping));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                // The CRC matched, so this is not damage but a frame this version cannot read.
                log.warn("federation journal: frame {} cannot be parsed, skipped: {}", sequence, e.getMessage());
            }
        }
    }

    @Override
    public Recovered recovered() {
        return recovered;
    }

    @Override
    public synchronized void frame(long sequence, Frame frame, String shaping) {
        byte[] bytes = frame.toByteArray();
        if (shaping == null) {
            write(FRAME, ByteBuffer.allocate(8 + bytes.length).putLong(sequence).put(bytes).array());
        } else {
            byte[] name = shaping.getBytes(StandardCharsets.UTF_8);
            if (name.length > 0xFFFF) {
                throw new IllegalArgumentException("a shaping name of " + name.length + " bytes");
            }
            write(EVENT, ByteBuffer.allocate(8 + 2 + name.length + bytes.length).putLong(sequence)
                    .putShort((short) name.length).put(name).put(bytes).array());
        }
        activeLastFrame = Math.max(activeLastFrame, sequence);
    }

    /**
     * The frame stays in its segment; compaction still waits for the acknowledgements to pass it
     * (a withdrawn frame is rare, and a watermark keeps compaction simple). Replay drops it.
     */
    @Override
    public synchronized void withdrawn(long sequence) {
        write(WITHDRAWN, longs(sequence));
    }

    @Override
    public synchronized void reserve(long upTo) {
        reserved = Math.max(reserved, upTo);
        write(RESERVE, longs(upTo));
        try {
            active.force();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force federation journal " + active.path(), e);
        }
    }

    @Override
    public synchronized void acknowledged(long upTo) {
        if (upTo <= acknowledged) {
            return;
        }
        acknowledged = upTo;
        write(ACK, longs(upTo));
        compact();
    }

    @Override
    public synchronized void received(long epoch, long last) {
        if (epoch == receivedEpoch && last == receivedLast) {
            return;
        }
        receivedEpoch = epoch;
        receivedLast = last;
        write(RECEIVED, longs(epoch, last));
    }

    @Override
    public void sync() {
        JournalSegment segment;
        synchronized (this) {
            segment = active;
        }
        try {
            segment.force();
        } catch (java.nio.channels.ClosedChannelException rolled) {
            // rolled over meanwhile: closing forced it
        } catch (IOException e) {
            log.warn("cannot force federation journal {}: {}", segment.path(), e.toString());
        }
    }

    /** Writes one record, rolling over to a new segment when the active one is full. */
    private void write(byte type, byte[] payload) {
        try {
            active.append(type, payload);
            if (active.size() >= segmentBytes) {
                roll();
                compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write federation journal " + active.path(), e);
        }
    }

    /** Starts a new segment with a snapshot of the state. */
    private void roll() throws IOException {
        if (active != null) {
            active.close();
            closed.add(new Closed(active.path(), activeLastFrame));
        }
        Path path = dir.resolve(String.format("%012d.seg", nextSegment++));
        active = JournalSegment.create(path, forceEach);
        activeLastFrame = 0;
        syncDirectory();
        active.append(STATE, longs(epoch, reserved, acknowledged, receivedEpoch, receivedLast));
        active.force();
    }

    /** Deletes closed segments, oldest first, while every frame in them is acknowledged. */
    private void compact() {
        while (!closed.isEmpty() && closed.peekFirst().lastFrame() <= acknowledged) {
            Path p = closed.pollFirst().path();
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("cannot delete acknowledged federation journal segment {}: {}", p, e.toString());
            }
        }
    }

    /** A new file's directory entry must be durable too; not every platform can force a directory. */
    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException unsupported) {
            // best effort
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d{12}\\.seg")).sorted().toList();
        }
    }

    private static long number(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - 4));
    }

    private static byte[] longs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** Segment files now on disk, oldest first (tests). */
    synchronized List<Path> files() throws IOException {
        return segments();
    }

    @Override
    public synchronized void close() {
        try {
            active.close();
        } catch (IOException e) {
            log.warn("cannot close federation journal {}: {}", active.path(), e.toString());
        }
        try {
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            log.warn("cannot release the lock of federation journal {}: {}", dir, e.toString());
        }
    }
}
