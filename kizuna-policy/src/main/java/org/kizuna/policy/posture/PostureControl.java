package org.kizuna.policy.posture;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The two-person rule for postures. One admin requests a change (optionally for a limited time),
 * a different admin approves it, and only then does a new version come into force; names are
 * compared as {@link #admin} normalises them. A request no one approves lapses; a time-limited
 * posture reverts to the base posture when it expires ({@link #tick()}, called periodically). Every step is returned as a {@link PostureEvent} for
 * the audit log.
 *
 * <p>Thread-safe; {@link #current()} is a plain volatile read, so the guard may call it per
 * decision.
 */
public final class PostureControl {

    /** How long a request waits for its approver. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofHours(1);

    private final Posture base;
    private final Clock clock;
    private final Duration requestTimeout;
    private volatile PostureState current;
    private PostureChange pending;

    public PostureControl(PostureState initial, Posture base, Duration requestTimeout, Clock clock) {
        this(initial, Optional.empty(), base, requestTimeout, clock);
    }

    /** Continues from a saved state: the posture in force and the request waiting for approval, if any. */
    public PostureControl(PostureState initial, Optional<PostureChange> pending, Posture base, Duration requestTimeout,
                          Clock clock) {
        this.current = Objects.requireNonNull(initial, "initial");
        this.pending = pending.orElse(null);
        this.base = Objects.requireNonNull(base, "base");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public PostureState current() {
        return current;
    }

    public synchronized Optional<PostureChange> pending() {
        return Optional.ofNullable(pending);
    }

    /** Asks for {@code posture}; replaces any earlier pending request. */
    public synchronized PostureEvent request(Posture posture, String by, Optional<Duration> lasts) {
        by = admin(by);
        Instant now = clock.instant();
        pending = new PostureChange(posture, by, now, lasts, now.plus(requestTimeout));
        return new PostureEvent(PostureEvent.Kind.REQUESTED, posture, current.version(), by, now);
    }

    /**
     * Approves the pending request. The approver must be a different admin from the requester.
     *
     * @throws IllegalStateException when nothing is pending, the request lapsed, or the same admin approves
     */
    public synchronized PostureEvent approve(String by) {
        by = admin(by);
        Instant now = clock.instant();
        if (pending == null || !now.isBefore(pending.lapsesAt())) {
            pending = null;
            throw new IllegalStateException("no posture change is waiting for approval");
        }
        if (admin(pending.requestedBy()).equals(by)) {
            throw new IllegalStateException("the requester (" + by + ") cannot approve their own change");
        }
        PostureChange change = pending;
        pending = null;
        current = new PostureState(change.posture(), current.version() + 1, now,
                change.lasts().map(now::plus), change.requestedBy(), by);
        return new PostureEvent(PostureEvent.Kind.APPROVED, change.posture(), current.version(), by, now);
    }

    public synchronized PostureEvent cancel(String by) {
        by = admin(by);
        if (pending == null) {
            throw new IllegalStateException("no posture change is waiting for approval");
        }
        Posture p = pending.posture();
        pending = null;
        return new PostureEvent(PostureEvent.Kind.CANCELLED, p, current.version(), by, clock.instant());
    }

    /** Lapses an unapproved request and reverts an expired posture; returns what happened. */
    public synchronized List<PostureEvent> tick() {
        Instant now = clock.instant();
        List<PostureEvent> events = new ArrayList<>();
        if (pending != null && !now.isBefore(pending.lapsesAt())) {
            events.add(new PostureEvent(PostureEvent.Kind.LAPSED, pending.posture(), current.version(), "", now));
            pending = null;
        }
        Optional<Instant> expiry = current.expiresAt();
        if (expiry.isPresent() && !now.isBefore(expiry.get())) {
            current = new PostureState(base, current.version() + 1, now, Optional.empty(), "", "");
            events.add(new PostureEvent(PostureEvent.Kind.EXPIRED, base, current.version(), "", now));
        }
        return events;
    }

    /**
     * An admin's name as it is compared, stored and audited: Unicode-normalised (NFKC, so a
     * full-width letter is the letter), trimmed, inner spaces collapsed, case-folded
     * ({@link Locale#ROOT}). {@code "Reviewer "} and {@code "reviewer"} are one admin and may not
     * request and approve one change.
     *
     * @throws IllegalArgumentException when nothing is left
     */
    public static String admin(String by) {
        String name = by == null ? "" : Normalizer.normalize(by, Normalizer.Form.NFKC).strip()
                .replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("every posture step names its admin");
        }
        return name;
    }
}
