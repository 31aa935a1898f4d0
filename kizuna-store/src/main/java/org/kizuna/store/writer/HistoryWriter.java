package org.kizuna.store.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.kizuna.store.ChatRow;
import org.kizuna.store.ConnectionRow;
import org.kizuna.store.HistoryStore;
import org.kizuna.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the history on disk without ever making a producer wait. Offers only enqueue (any thread,
 * never blocking); the {@code kizuna-history-writer} thread takes whatever has queued up — one item
 * when traffic is light, up to a batch when it is heavy, as a Disruptor consumer does at the end of
 * a batch — and commits it in one transaction. A batch without chat lingers up to
 * {@link WriterSettings#linger()} for more items first (group commit: one commit per position
 * report would cost more than routing it); a chat in the batch commits it at once.
 *
 * <p>When the database falls behind the queue fills: above half full, position reports are sampled
 * (one per uid per second); above 90 % they are left out, keeping the rest for everything else.
 * Chat is never sampled: {@link #offerChat} returns a future that completes when the message is
 * committed, or fails when it cannot be (queue full, database refusing after retries, closed) so
 * that the caller never believes a lost message was kept. Sampled, dropped and failed items are
 * counted ({@link #stats()}) and logged at most every ten seconds.
 *
 * <p>{@link #close()} stops accepting, then commits everything still queued.
 */
public final class HistoryWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);
    private static final long SAMPLE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long CLOSE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int ATTEMPTS = 5;
    private static final long CLOSE_TIMEOUT_SECONDS = 60;

    private final HistoryStore store;
    private final int batchSize;
    private final int capacity;
    private final long lingerNanos;
    private final BlockingQueue<Object> queue;
    private final PositionSampler sampler = new PositionSampler(SAMPLE_INTERVAL_NANOS, 200_000);
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile boolean accepting = true;
    private volatile boolean running = true;
    private long lastReportNanos = System.nanoTime();
    private long reportedSampled;
    private long reportedDropped;

    public HistoryWriter(HistoryStore store, WriterSettings settings) {
        this.store = store;
        this.batchSize = settings.batchSize();
        this.capacity = settings.queueCapacity();
        this.lingerNanos = settings.linger().toNanos();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "kizuna-history-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues an event that is not chat. Position reports ({@code a-*}) may come back
     * {@link Admission#SAMPLED} when the database is behind.
     */
    public Admission offer(StoredEvent event) {
        if (event.isPosition()) {
            int size = queue.size();
            if (size >= capacity * 9L / 10 || (size >= capacity / 2 && !sampler.admit(event.uid(), System.nanoTime()))) {
                sampled.incrementAndGet();
                return Admission.SAMPLED;
            }
        }
        return enqueue(event);
    }

    /** Queues a connect or disconnect row. */
    public Admission offer(ConnectionRow row) {
        return enqueue(row);
    }

    /**
     * Queues a chat message (its event and its chat row, committed together). The future completes
     * on the writer thread once both are committed — do not run slow work in a dependent stage
     * without an executor — or completes exceptionally ({@link RejectedExecutionException} when the
     * queue is full or the writer closed, the store's exception when the database refused it).
     */
    public CompletableFuture<Void> offerChat(StoredEvent event, ChatRow row) {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        if (enqueue(new QueuedChat(event, row, committed)) != Admission.QUEUED) {
            committed.completeExceptionally(new RejectedExecutionException(
                    accepting ? "history queue full: the database is behind" : "history writer closed"));
        }
        return committed;
    }

    private Admission enqueue(Object item) {
        if (accepting && queue.offer(item)) {
            return Admission.QUEUED;
        }
        dropped.incrementAndGet();
        return Admission.DROPPED;
    }

    public WriterStats stats() {
        return new WriterStats(written.get(), sampled.get(), dropped.get(), failed.get(), queue.size(), batches.get());
    }

    private void run() {
        List<Object> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Object first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                    linger(batch);
                    commit(batch);
                    batch.clear();
                }
                reportLosses();
            } catch (InterruptedException e) {
                // close() interrupts only after its timeout: give up on what is left
                fail(batch, e);
                break;
            } catch (RuntimeException e) {
                log.error("history writer: unexpected failure, batch of {} lost", batch.size(), e);
                fail(batch, e);
                batch.clear();
            }
        }
        failRemaining();
    }

    /**
     * Group commit: waits up to the linger, counted from the batch's first item, for more items,
     * while the batch has room, holds no chat and the writer is not closing.
     */
    private void linger(List<Object> batch) throws InterruptedException {
        if (lingerNanos == 0) {
            return;
        }
        long deadline = System.nanoTime() + lingerNanos;
        int checked = 0;
        while (batch.size() < batchSize && running) {
            for (; checked < batch.size(); checked++) {
                if (batch.get(checked) instanceof QueuedChat) {
                    return;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            // in slices, so that close() never waits a whole linger
            Object next = queue.poll(Math.min(left, CLOSE_CHECK_NANOS), TimeUnit.NANOSECONDS);
            if (next == null) {
                continue;
            }
            batch.add(next);
            queue.drainTo(batch, batchSize - batch.size());
        }
    }

    private void commit(List<Object> items) throws InterruptedException {
        BatchParts parts = BatchParts.of(items);
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                store.write(parts.batch());
                written.addAndGet(parts.batch().size());
                batches.incrementAndGet();
                parts.chatFutures().forEach(f -> f.complete(null));
                return;
            } catch (RuntimeException e) {
                last = e;
                log.warn("history batch of {} not committed (attempt {} of {}): {}", items.size(), attempt,
                        ATTEMPTS, e.getMessage());
                if (attempt < ATTEMPTS) {
                    Thread.sleep(50L << attempt);
                }
            }
        }
        log.error("history batch of {} rows lost after {} attempts", parts.batch().size(), ATTEMPTS, last);
        fail(items, last);
    }

    private void fail(List<Object> items, Throwable cause) {
        BatchParts parts = BatchParts.of(items);
        failed.addAndGet(parts.batch().size());
        parts.chatFutures().forEach(f -> f.completeExceptionally(cause));
    }

    private void failRemaining() {
        List<Object> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            log.error("history writer stopped with {} items not written", left.size());
            fail(left, new RejectedExecutionException("history writer stopped before writing this"));
        }
    }

    /** Sampling and drops are never silent: one log line per ten seconds while they happen. */
    private void reportLosses() {
        long now = System.nanoTime();
        if (now - lastReportNanos < LOG_INTERVAL_NANOS) {
            return;
        }
        long s = sampled.get();
        long d = dropped.get();
        if (s != reportedSampled || d != reportedDropped) {
            log.warn("history database behind: {} position reports sampled out, {} items dropped in the last {} s"
                    + " (queue {}/{})", s - reportedSampled, d - reportedDropped,
                    TimeUnit.NANOSECONDS.toSeconds(now - lastReportNanos), queue.size(), capacity);
            reportedSampled = s;
            reportedDropped = d;
        }
        lastReportNanos = now;
    }

    /** Stops accepting, commits what is queued (for at most a minute), then stops the thread. */
    @Override
    public void close() {
        accepting = false;
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
            if (thread.isAlive()) {
                log.error("history writer did not finish within {} s; abandoning what is queued", CLOSE_TIMEOUT_SECONDS);
                thread.interrupt();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reportLosses();
    }
}
