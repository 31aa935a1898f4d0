package org.kizuna.app.release;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.DecisionListener;
import org.kizuna.store.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the guard's new decisions into the audit log: one record per distinct (label, clearance,
 * posture version), as {@code release-permitted} (with the rules that may permit it) or
 * {@code release-denied}. The guard calls from event loops, so records go through a bounded queue
 * to one writer thread; when the queue is full (the disk far behind), records are dropped, counted
 * and logged rather than stalling traffic.
 */
final class DecisionAudit implements DecisionListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DecisionAudit.class);
    private static final String[] STOP = new String[0];

    private final AuditLog audit;
    private final BlockingQueue<String[]> queue = new ArrayBlockingQueue<>(10_000);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;

    DecisionAudit(AuditLog audit) {
        this.audit = audit;
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

    /** Queues one record for the writer; when the queue is full, drops it, counted and logged. */
    void record(String kind, String detail) {
        if (!queue.offer(new String[] {kind, detail}) && dropped.incrementAndGet() % 1000 == 1) {
            log.warn("audit queue full: {} records dropped so far", dropped.get());
        }
    }

    long dropped() {
        return dropped.get();
    }

    private void drain() {
        try {
            for (String[] r = queue.take(); r != STOP; r = queue.take()) {
                audit.append(r[0], "node", r[1]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("audit log writer stopped", e);
        }
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
        queue.put(STOP);
        writer.join(TimeUnit.SECONDS.toMillis(10));
    }
}
