package org.kizuna.core.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which identity owns each uid on this node: the first to publish it. Asked on the event loops for
 * every event, so a lookup is one {@link ConcurrentHashMap#get} without locks, and nothing here
 * blocks or does I/O; new bindings and releases go to a {@link BindingJournal}.
 *
 * <p>Bounded by {@link IdentitySettings#maxBoundUids()}: once full, new uids are not bound
 * ({@link Claim#FULL}) until releases or lapses make room. Bindings recovered at start are all
 * kept, even beyond the bound (dropping some would hand their uids to whoever comes first).
 *
 * <p>Lapse: each binding remembers its owner's last claim to the minute. A claim writes that
 * field only when the minute changed, so the hot path is a read; nothing is journalled per event.
 * {@link #lapse()} drops bindings unclaimed for {@link IdentitySettings#bindingRetention()}; the
 * journal keeps last use only in its compacted snapshots (see {@code NodeUidBindings}).
 */
public final class UidBindings {

    /** The answer to a claim. */
    public enum Claim {
        /** already the claimant's */
        OWN,
        /** was free, is now the claimant's (journalled off the event loop) */
        BOUND,
        /** another identity owns it */
        OWNED_ELSEWHERE,
        /** free, but the table is full: not bound */
        FULL
    }

    private static final Logger LOG = LoggerFactory.getLogger(UidBindings.class);
    private static final long MINUTE = 60_000;

    /** The owner never changes; last use is written racily (an approximation by design). */
    private static final class Entry {
        final String owner;
        volatile int lastUsedMinute;

        Entry(String owner, int lastUsedMinute) {
            this.owner = owner;
            this.lastUsedMinute = lastUsedMinute;
        }
    }

    private final ConcurrentHashMap<String, Entry> byUid;
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicBoolean warnedFull = new AtomicBoolean();
    private final IdentitySettings settings;
    private final Clock clock;
    private final BindingJournal journal;

    public UidBindings(IdentitySettings settings, Clock clock, BindingJournal journal) {
        this(settings, clock, journal, List.of());
    }

    /** Starts from {@code recovered} bindings (not journalled again). */
    public UidBindings(IdentitySettings settings, Clock clock, BindingJournal journal, Collection<Binding> recovered) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.byUid = new ConcurrentHashMap<>(Math.max(16, Math.min(recovered.size(), settings.maxBoundUids()) * 4 / 3));
        // Recovered owners are one string per line read; sharing equal ones saves tens of MB at the bound.
        Map<String, String> owners = new HashMap<>();
        for (Binding b : recovered) {
            String owner = owners.computeIfAbsent(b.owner(), o -> o);
            if (byUid.put(b.uid(), new Entry(owner, minute(b.lastUsed().toEpochMilli()))) == null) {
                count.incrementAndGet();
            }
        }
        if (count.get() > settings.maxBoundUids()) {
            LOG.warn("{} uid bindings recovered, more than identity.maxBoundUids ({}): all kept, no new uid is bound "
                    + "until some are released or lapse", count.get(), settings.maxBoundUids());
        }
    }

    /** Binds {@code uid} to {@code owner} unless it is bound already; never blocks. */
    public Claim claim(String uid, String owner) {
        Entry e = byUid.get(uid);
        if (e != null) {
            return claimed(e, owner);
        }
        Objects.requireNonNull(owner, "owner");
        if (count.get() >= settings.maxBoundUids()) {
            return full();
        }
        Entry[] created = new Entry[1];
        e = byUid.computeIfAbsent(uid, k -> {
            if (count.incrementAndGet() > settings.maxBoundUids()) {
                count.decrementAndGet();
                return null;
            }
            long now = clock.millis();
            created[0] = new Entry(owner, minute(now));
            // inside the entry's lock: a release of this uid cannot be journalled out of order with it
            journal.bound(uid, owner, Instant.ofEpochMilli(now));
            return created[0];
        });
        if (e == null) {
            return full();
        }
        return e == created[0] ? Claim.BOUND : claimed(e, owner);
    }

    private Claim claimed(Entry e, String owner) {
        if (!e.owner.equals(owner)) {
            return Claim.OWNED_ELSEWHERE;
        }
        int now = minute(clock.millis());
        if (e.lastUsedMinute < now) {
            e.lastUsedMinute = now;
        }
        return Claim.OWN;
    }

    private Claim full() {
        if (warnedFull.compareAndSet(false, true)) {
            LOG.warn("uid bindings full (identity.maxBoundUids = {}): new uids are not bound until some are released "
                    + "or lapse", settings.maxBoundUids());
        }
        return Claim.FULL;
    }

    public Optional<String> ownerOf(String uid) {
        Entry e = byUid.get(uid);
        return e == null ? Optional.empty() : Optional.of(e.owner);
    }

    /** An admin frees {@code uid}: the next identity to publish it owns it. Journalled; false if it was not bound. */
    public boolean release(String uid, String by) {
        Objects.requireNonNull(by, "by");
        boolean[] released = {false};
        byUid.computeIfPresent(uid, (k, e) -> {
            journal.released(uid, e.owner, by, clock.instant());
            released[0] = true;
            return null;
        });
        if (released[0]) {
            removed();
        }
        return released[0];
    }

    /**
     * Applies a release that is already in the journal (written there by {@code kizuna uid release}):
     * frees {@code uid} if {@code owner} still holds it, without journalling it again.
     */
    public boolean applyRelease(String uid, String owner) {
        boolean[] released = {false};
        byUid.computeIfPresent(uid, (k, e) -> {
            if (!e.owner.equals(owner)) {
                return e;
            }
            released[0] = true;
            return null;
        });
        if (released[0]) {
            removed();
        }
        return released[0];
    }

    /**
     * Drops every binding its owner has not claimed for the retention. Not journalled: the journal
     * never holds a later last use than memory, so what lapses here also lapses when it is replayed.
     *
     * @return how many were dropped
     */
    public int lapse() {
        int cutoff = minute(clock.millis() - settings.bindingRetention().toMillis());
        int dropped = 0;
        for (Map.Entry<String, Entry> each : byUid.entrySet()) {
            Entry e = each.getValue();
            // remove(key, value): an entry replaced meanwhile (released and bound again) stays
            if (e.lastUsedMinute < cutoff && byUid.remove(each.getKey(), e)) {
                removed();
                dropped++;
            }
        }
        return dropped;
    }

    /** Every binding now, for a journal snapshot. Weakly consistent with claims running meanwhile. */
    public List<Binding> snapshot() {
        List<Binding> all = new ArrayList<>(count.get());
        byUid.forEach((uid, e) -> all.add(new Binding(uid, e.owner, Instant.ofEpochMilli(e.lastUsedMinute * MINUTE))));
        return all;
    }

    public int size() {
        return count.get();
    }

    public int capacity() {
        return settings.maxBoundUids();
    }

    private void removed() {
        if (count.decrementAndGet() < settings.maxBoundUids()) {
            warnedFull.set(false);
        }
    }

    private static int minute(long epochMillis) {
        return (int) Math.floorDiv(epochMillis, MINUTE);
    }
}
