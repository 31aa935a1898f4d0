package org.kizuna.app.history;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.cot.xml.CotXmlWriter;
import org.kizuna.store.EventQuery;
import org.kizuna.store.HistoryStore;
import org.kizuna.store.Page;
import org.kizuna.store.StoredEvent;

/**
 * Sends stored events again, spaced as they were received, {@code speed} times faster, each as
 * the release boundary lets it leave for the replay's recipient.
 *
 * <p>Each event leaves with its {@code _flow-tags_} removed — a node drops events carrying its own
 * tag as loops, and the replay is new traffic — and, unless times are kept, with time, start and
 * stale moved to the moment it is sent (the same lifetime), so that clients show it instead of
 * discarding it as stale.
 */
final class Replayer {

    /** What a replay did. */
    record Result(long sent, long skipped) {
    }

    private final HistoryStore store;
    private final double speed;
    private final boolean keepTimes;
    private final Clock clock;
    private final CotXmlReader reader = new CotXmlReader(CotLimits.DEFAULTS.withMaxFrameBytes(16 * 1024 * 1024));

    /** Decides what of a stored event may leave (see {@link ReplayRelease}); empty: withheld. */
    @FunctionalInterface
    interface Release {
        Optional<CotEvent> releasable(StoredEvent stored, CotEvent event);
    }

    private final Release release;

    Replayer(HistoryStore store, double speed, boolean keepTimes, Clock clock, Release release) {
        this.release = release;
        if (!(speed > 0 && speed <= 10_000)) {
            throw new IllegalArgumentException("--speed must be > 0 and <= 10000, got " + speed);
        }
        this.store = store;
        this.speed = speed;
        this.keepTimes = keepTimes;
        this.clock = clock;
    }

    Result replay(EventQuery query, OutputStream out) throws IOException, InterruptedException {
        long startNanos = System.nanoTime();
        Instant origin = null;
        long sent = 0;
        long skipped = 0;
        Page<StoredEvent> page = store.events(query);
        while (true) {
            for (StoredEvent stored : page.items()) {
                origin = origin == null ? stored.receivedAt() : origin;
                waitUntil(startNanos + (long) (Duration.between(origin, stored.receivedAt()).toNanos() / speed));
                byte[] bytes = prepare(stored);
                if (bytes == null) {
                    skipped++;
                    continue;
                }
                out.write(bytes);
                out.flush();
                sent++;
            }
            if (page.next().isEmpty()) {
                return new Result(sent, skipped);
            }
            page = store.events(query.after(page.next().get()));
        }
    }

    /** The bytes to send for {@code stored}, or null when it cannot be read back or may not leave. */
    private byte[] prepare(StoredEvent stored) {
        CotEvent read;
        try {
            read = reader.read(stored.xml());
        } catch (CotDecodeException e) {
            return null;
        }
        Optional<CotEvent> released = release.releasable(stored, read);
        if (released.isEmpty()) {
            return null;
        }
        CotEvent event = released.get();
        CotEvent.Builder b = event.toBuilder().detail(event.detail().toBuilder().flowTags(null).build());
        if (!keepTimes) {
            Instant now = clock.instant();
            Duration shift = Duration.between(event.time(), now);
            b.times(now, event.stale().plus(shift)).start(event.start().plus(shift));
        }
        return CotXmlWriter.toBytes(b.build());
    }

    private static void waitUntil(long dueNanos) throws InterruptedException {
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
