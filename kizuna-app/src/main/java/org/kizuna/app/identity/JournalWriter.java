package org.kizuna.app.identity;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.kizuna.core.identity.Binding;
import org.kizuna.core.identity.UidBindings;
import org.kizuna.store.identity.BindingRecord;
import org.kizuna.store.identity.UidBindingLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the uid binding journal: every {@link #LINGER} it takes what the
 * event loops queued, appends it as one batch and forces it to disk. Then it compacts when dead
 * records (releases, superseded bindings) outnumber live ones, and at least once a
 * {@link #SNAPSHOT_INTERVAL}: last use reaches the journal only in a snapshot, so a crash loses at
 * most that much of it (a binding may then lapse up to a day early after a crash).
 */
final class JournalWriter implements Runnable {

    static final Duration SNAPSHOT_INTERVAL = Duration.ofDays(1);
    /** Below this many dead records a compaction is not worth its rewrite. */
    static final int MIN_DEAD_RECORDS = 1_000;
    private static final long LINGER = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long RETRY = TimeUnit.SECONDS.toNanos(1);
    private static final Duration COMPACTION_RETRY = Duration.ofMinutes(1);
    private static final int MAX_BATCH = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

    private final UidBindingLog log;
    private final BindingQueue queue;
    private final UidBindings bindings;
    private final Clock clock;
    private final List<BindingRecord> pending = new ArrayList<>();
    private final Object progress = new Object();
    private volatile boolean stopping;
    private volatile Thread thread;
    private long written;
    private Instant lastSnapshot;
    private Instant retryCompactionAt = Instant.MIN;
    private boolean failing;

    JournalWriter(UidBindingLog log, BindingQueue queue, UidBindings bindings, Clock clock) {
        this.log = log;
        this.queue = queue;
        this.bindings = bindings;
        this.clock = clock;
    }

    void start() {
        Thread t = new Thread(this, "kizuna-uid-journal");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void run() {
        while (true) {
            boolean last = stopping; // read first: what was queued before stop() is written
            queue.drainTo(pending, Math.max(0, MAX_BATCH - pending.size()));
            int batch = pending.size();
            boolean wrote = writePending();
            if (wrote) {
                maintain();
                advance(batch);
            }
            boolean caughtUp = wrote && written >= queue.offered();
            if (last && (caughtUp || !wrote)) {
                if (!wrote) {
                    LOG.error("{} uid binding records could not be written before shutdown; those uids are free "
                            + "again after a restart", queue.offered() - written);
                }
                return;
            }
            if (caughtUp || !wrote) {
                LockSupport.parkNanos(this, wrote ? LINGER : RETRY);
            }
        }
    }

    private boolean writePending() {
        if (pending.isEmpty()) {
            return true;
        }
        try {
            List<BindingRecord> others = log.append(pending);
            pending.clear();
            apply(others);
            recovered();
            return true;
        } catch (IOException | RuntimeException e) {
            failed("cannot write the uid binding journal", e);
            return false;
        }
    }

    private void maintain() {
        long live = bindings.size();
        long dead = log.records() - live;
        boolean due = lastSnapshot == null || !clock.instant().isBefore(lastSnapshot.plus(SNAPSHOT_INTERVAL));
        if (!due && (dead < MIN_DEAD_RECORDS || dead <= live) || clock.instant().isBefore(retryCompactionAt)) {
            return;
        }
        try {
            compact();
            recovered();
        } catch (IOException | RuntimeException e) {
            failed("cannot compact the uid binding journal", e);
            retryCompactionAt = clock.instant().plus(COMPACTION_RETRY);
        }
    }

    /**
     * Drops lapsed bindings and writes the rest, with their last use, as the new journal. Holds
     * this monitor, as {@link #refresh} does: a release read there and not yet applied would be in
     * neither the snapshot nor the new file.
     */
    synchronized void compact() throws IOException {
        int lapsed = bindings.lapse();
        if (lapsed > 0) {
            LOG.info("{} uid bindings lapsed: unclaimed by their owners for identity.bindingRetention", lapsed);
        }
        List<Binding> snapshot = bindings.snapshot();
        List<BindingRecord.Bound> live = new ArrayList<>(snapshot.size());
        for (Binding b : snapshot) {
            live.add(new BindingRecord.Bound(b.uid(), b.owner(), b.lastUsed()));
        }
        apply(log.compact(live));
        lastSnapshot = clock.instant();
    }

    /** Applies the releases {@code kizuna uid release} appended since the last read; returns how many freed a uid. */
    synchronized int refresh() throws IOException {
        return apply(log.readNew());
    }

    /** Only a node writes bound records, and only this node writes this journal's: others' records are releases. */
    private int apply(List<BindingRecord> others) {
        int freed = 0;
        for (BindingRecord r : others) {
            if (r instanceof BindingRecord.Released x && bindings.applyRelease(x.uid(), x.owner())) {
                freed++;
            }
        }
        if (freed > 0) {
            LOG.info("{} uid(s) released by kizuna uid release (see the audit log)", freed);
        }
        return freed;
    }

    private void advance(int taken) {
        synchronized (progress) {
            written += taken;
            progress.notifyAll();
        }
    }

    /** Waits until everything queued before the call is on disk and the round that wrote it has finished. */
    boolean flush(Duration timeout) throws InterruptedException {
        long target = queue.offered();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (written < target) {
                LockSupport.unpark(thread);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, Math.min(left, LINGER));
            }
            return true;
        }
    }

    /** Writes what is queued, then returns once the thread has ended. */
    void stop() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
    }

    private void failed(String what, Exception e) {
        if (!failing) {
            LOG.error("{} (retrying every second; bindings hold in memory meanwhile): {}", what, e.toString());
            failing = true;
        }
    }

    private void recovered() {
        if (failing) {
            LOG.info("the uid binding journal is written again");
            failing = false;
        }
    }
}
