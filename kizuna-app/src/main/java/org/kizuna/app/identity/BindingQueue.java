package org.kizuna.app.identity;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.kizuna.core.identity.BindingJournal;
import org.kizuna.store.identity.BindingRecord;

/**
 * What the event loops hand to the journal: a lock-free queue the writer thread drains. Unbounded,
 * but only new bindings (at most {@code identity.maxBoundUids} between two releases or lapses) and
 * admin releases go in, never one record per event.
 */
final class BindingQueue implements BindingJournal {

    private final ConcurrentLinkedQueue<BindingRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong offered = new AtomicLong();

    @Override
    public void bound(String uid, String owner, Instant at) {
        queue.offer(new BindingRecord.Bound(uid, owner, at));
        offered.incrementAndGet();
    }

    @Override
    public void released(String uid, String owner, String by, Instant at) {
        queue.offer(new BindingRecord.Released(uid, owner, by, at));
        offered.incrementAndGet();
    }

    /** Records offered so far (some may not be in the queue yet: counted after they are). */
    long offered() {
        return offered.get();
    }

    /** Moves up to {@code max} records to {@code into}; returns how many. */
    int drainTo(List<BindingRecord> into, int max) {
        int n = 0;
        for (BindingRecord r; n < max && (r = queue.poll()) != null; n++) {
            into.add(r);
        }
        return n;
    }
}
