package org.kizuna.app.release;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.kizuna.core.release.FirstReleaseListener;
import org.kizuna.core.release.FirstReleases;
import org.kizuna.cot.CotEvent;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.release.Obligations;

/**
 * Audit records for first releases: {@code first-release} per object and recipient, and, once a
 * minute, a {@code first-release-unrecorded} summary per recipient for the releases the bounded
 * tracker could not remember. Records go through the {@link DecisionAudit} queue and writer.
 */
final class FirstReleaseAudit implements FirstReleaseListener {

    /** Pairs remembered before releases are only counted: about 40 MB at most. */
    static final int CAPACITY = 200_000;
    private static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);

    private final DecisionAudit audit;
    private final FirstReleases tracker;
    private final Clock clock;
    private Instant lastSummary;

    FirstReleaseAudit(DecisionAudit audit, FirstReleases tracker, Clock clock) {
        this.audit = audit;
        this.tracker = tracker;
        this.clock = clock;
        this.lastSummary = clock.instant();
    }

    @Override
    public void firstRelease(String recipient, CotEvent event, LabelSet labels, Obligations obligations) {
        audit.record("first-release", event.uid() + " (" + event.type().value() + ", "
                + DecisionAudit.describe(labels.originator()) + ") to " + recipient
                + (obligations.isNone() ? "" : " with " + describe(obligations)));
    }

    /** Writes the summaries when a minute has passed since the last ones. Called every second. */
    void summarize() {
        Instant now = clock.instant();
        if (Duration.between(lastSummary, now).compareTo(SUMMARY_EVERY) < 0) {
            return;
        }
        lastSummary = now;
        summarizeNow();
    }

    void summarizeNow() {
        for (Map.Entry<String, Long> e : tracker.takeUnrecorded().entrySet()) {
            audit.record("first-release-unrecorded", e.getValue() + " releases to " + e.getKey()
                    + " not recorded one by one (the first-release tracker holds " + CAPACITY + " pairs)");
        }
    }

    private static String describe(Obligations o) {
        StringBuilder b = new StringBuilder();
        if (!o.strip().isEmpty()) {
            b.append("strip ").append(o.strip()).append(' ');
        }
        if (o.coarsenMetres() > 0) {
            b.append("coarsen ").append((long) o.coarsenMetres()).append(" m ");
        }
        if (o.dropIdentity()) {
            b.append("identity dropped ");
        }
        if (!o.delay().isZero()) {
            b.append("delay ").append(o.delay()).append(' ');
        }
        return b.toString().trim();
    }
}
