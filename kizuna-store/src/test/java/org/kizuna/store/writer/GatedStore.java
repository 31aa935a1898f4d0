package org.kizuna.store.writer;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.kizuna.store.ChatQuery;
import org.kizuna.store.ChatRow;
import org.kizuna.store.ConnectionRow;
import org.kizuna.store.EventQuery;
import org.kizuna.store.HistoryStore;
import org.kizuna.store.Page;
import org.kizuna.store.StoreException;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.TrackPoint;
import org.kizuna.store.TrackQuery;
import org.kizuna.store.WriteBatch;

/**
 * A real store behind a gate: writes wait until the test opens it (a database that has fallen
 * behind), and the first {@code failures} writes fail (a database that refuses).
 */
final class GatedStore implements HistoryStore {

    private final HistoryStore real;
    private final CountDownLatch gate;
    private final AtomicInteger failures;

    GatedStore(HistoryStore real, boolean open, int failures) {
        this.real = real;
        this.gate = new CountDownLatch(open ? 0 : 1);
        this.failures = new AtomicInteger(failures);
    }

    void open() {
        gate.countDown();
    }

    @Override
    public void write(WriteBatch batch) {
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failures.getAndDecrement() > 0) {
            throw new StoreException("database refuses (test)", null);
        }
        real.write(batch);
    }

    @Override
    public Page<StoredEvent> events(EventQuery query) {
        return real.events(query);
    }

    @Override
    public Page<TrackPoint> track(TrackQuery query) {
        return real.track(query);
    }

    @Override
    public Page<ChatRow> chats(ChatQuery query) {
        return real.chats(query);
    }

    @Override
    public List<ConnectionRow> connections(Instant from, Instant to, int limit) {
        return real.connections(from, to, limit);
    }

    @Override
    public List<StoredEvent> currentPicture(Instant now, int limit) {
        return real.currentPicture(now, limit);
    }

    @Override
    public void close() {
        real.close();
    }
}
