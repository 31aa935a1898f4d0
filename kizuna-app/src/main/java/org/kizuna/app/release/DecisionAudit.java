package org.kizuna.app.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.kizuna.core.federation.AuditTrail;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.DecisionListener;
import org.kizuna.store.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running node's audit trail. The guard's new decisions go in as one record per distinct
 * (label, clearance, posture version), {@code release-permitted} (with the rules that may permit
 * it) or {@code release-denied}, and first releases as {@code first-release}; the guard calls
 * from event loops, so those go through a bounded queue to one writer thread. Everything else
 * (posture steps, retractions, partner records) is appended synchronously.
 *
 * <p>It fails closed: when the writer cannot write (an I/O error, a log whose end was changed),
 * when a synchronous append fails, or when the queue stays full for {@link #DEFAULT_QUEUE_WAIT}
 * (the disk far behind: a record would be lost), it logs an error, names the records it could
 * not write in the node's log, and from then on {@link #recording()} is false: the guard denies
 * every release until the node is restarted, and {@code /health} reports {@code audit} DOWN.
 */
final class DecisionAudit implements DecisionListener, AuditTrail, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DecisionAudit.class);
    private static final String[] STOP = new String[0];
    static final int DEFAULT_CAPACITY = 10_000;
    /** How long an event loop waits for room in a full queue before the trail counts as failed. */
    static final Duration DEFAULT_QUEUE_WAIT = Duration.ofMillis(200);

    private final AuditTrail audit;
    private final BlockingQueue<String[]> queue;
    private final Duration queueWait;
    private final AtomicLong unwritten = new AtomicLong();
    private final Thread writer;
    private volatile String failure;

    DecisionAudit(AuditLog audit) {
        this(audit::append, DEFAULT_CAPACITY, DEFAULT_QUEUE_WAIT);
    }

    /** @param audit where records go, synchronously: the audit log's {@code append} */
    DecisionAudit(AuditTrail audit, int capacity, Duration queueWait) {
        this.audit = audit;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.queueWait = queueWait;
        this.writer = new Thread(this::drain, "kizuna-audit");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void decided(LabelSet labels, Clearance clearance, PostureState posture, boolean access, List<String> rules) {
        String kind = access && !rules.isEmpty() ? "release-permitted" : "release-denied";
        String why = !access ? "clearance does not dominate the label" : rules.isEmpty() ? "no rule covers it" : "rules " + rules;
        String detail = describe(labels.originator()) + " to " + describe(clearance) + " under " + posture.posture()
                + " v" + posture.version() + ": " + why;
        record(kind, detail);
    }

    @Override
    public boolean recording() {
        return failure == null;
    }

    /** Why the trail failed; empty while it records. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Records that could not be written since the trail failed (named in the node's log). */
    long unwritten() {
        return unwritten.get();
    }

    /**
     * Queues one record for the writer. When the queue stays full for the wait, the trail fails
     * rather than lose the record silently.
     */
    void record(String kind, String detail) {
        if (failure != null) {
            lost(kind, detail);
            return;
        }
        try {
            if (!queue.offer(new String[] {kind, detail}, queueWait.toNanos(), TimeUnit.NANOSECONDS)) {
                lost(kind, detail);
                fail("the audit queue stayed full for " + queueWait.toMillis() + " ms (the disk is far behind)", null);
            } else if (failure != null) {
                // the writer failed while this record went in: it will never be written
                discardQueued();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lost(kind, detail);
            fail("interrupted while waiting for room in the audit queue", e);
        }
    }

    /** Appends now, on the caller's thread; a failure fails the trail and is thrown to the caller. */
    @Override
    public void append(String kind, String actor, String detail) {
        try {
            audit.append(kind, actor, detail);
        } catch (RuntimeException e) {
            fail("cannot append " + kind + ": " + e.getMessage(), e);
            throw e;
        }
    }

    private void drain() {
        String[] r = null;
        try {
            for (r = queue.take(); r != STOP; r = queue.take()) {
                audit.append(r[0], "node", r[1]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("the audit writer was interrupted", e);
        } catch (RuntimeException | Error e) {
            // counted before the failure shows, so whoever sees recording() false sees it counted
            lost(r[0], r[1]);
            fail("the audit writer stopped: " + e.getMessage(), e);
        }
    }

    private void fail(String why, Throwable cause) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = why;
        }
        log.error("AUDIT TRAIL FAILED: {}. The node releases nothing from now on (fail closed) and /health reports "
                + "audit DOWN; fix the cause (kizuna audit verify names a broken record) and restart the node", why, cause);
        discardQueued();
    }

    private void discardQueued() {
        List<String[]> left = new ArrayList<>();
        queue.drainTo(left);
        left.stream().filter(r -> r != STOP).forEach(r -> lost(r[0], r[1]));
    }

    private void lost(String kind, String detail) {
        unwritten.incrementAndGet();
        log.error("audit record not written: {} node {}", kind, detail);
    }

    static String describe(SecurityLabel l) {
        return l.policyId() + ":" + l.classification() + l.categories().stream()
                .map(c -> " " + c.tagName() + "=" + c.values()).collect(Collectors.joining());
    }

    static String describe(Clearance c) {
        return "[" + c.nation() + " " + c.policyId() + ":" + c.classifications() + " " + c.categories() + "]";
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() throws InterruptedException {
        if (writer.isAlive() && queue.offer(STOP, 10, TimeUnit.SECONDS)) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
