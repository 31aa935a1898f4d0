package org.kizuna.server.http.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per key with an exponential delay: after {@code free} failures the next attempt
 * must wait {@code first}, then twice as long after each further failure, up to {@code cap}. A key
 * without failures for {@code forgetAfter} starts afresh. Not thread-safe: {@link LoginThrottle}
 * holds its lock around every call.
 *
 * <p>An attempt that is let through {@linkplain #reserve reserves} the key until the delay it had
 * to wait passes once more, so that attempts sent in parallel do not all pass while the first is
 * still being checked. Memory is bounded: past {@value #MAX_KEYS} keys, forgotten ones go first,
 * then the one untouched longest.
 */
final class FailureCounts {

    static final int MAX_KEYS = 100_000;

    private static final class Entry {
        int failures;
        Instant last;
        Instant reservedUntil = Instant.MIN;
    }

    private final int free;
    private final Duration first;
    private final Duration cap;
    private final Duration forgetAfter;
    /** In access order: the eldest is the key untouched longest. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    FailureCounts(int free, Duration first, Duration cap, Duration forgetAfter) {
        this.free = free;
        this.first = first;
        this.cap = cap;
        this.forgetAfter = forgetAfter;
    }

    /** How long an attempt for {@code key} must still wait at {@code now}; zero when it may go. */
    Duration wait(String key, Instant now) {
        Entry e = live(key, now);
        if (e == null) {
            return Duration.ZERO;
        }
        Instant until = e.last.plus(delay(e.failures));
        if (e.reservedUntil.isAfter(until)) {
            until = e.reservedUntil;
        }
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    /** An attempt for {@code key} goes ahead: hold the next one back until it is decided. */
    void reserve(String key, Instant now) {
        Entry e = live(key, now);
        if (e != null && e.failures >= free) {
            e.reservedUntil = now.plus(delay(e.failures));
        }
    }

    /** Counts a failure; returns the key's failures now. */
    int failed(String key, Instant now) {
        Entry e = live(key, now);
        if (e == null) {
            makeRoom(now);
            e = new Entry();
            entries.put(key, e);
        }
        e.failures++;
        e.last = now;
        e.reservedUntil = Instant.MIN;
        return e.failures;
    }

    /** The attempt succeeded: its reservation is lifted, the failures stay. */
    void release(String key) {
        Entry e = entries.get(key);
        if (e != null) {
            e.reservedUntil = Instant.MIN;
        }
    }

    void forget(String key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    /** The wait after {@code failures} failures. */
    Duration delay(int failures) {
        if (failures < free) {
            return Duration.ZERO;
        }
        int doublings = failures - free;
        if (doublings >= 30) {
            return cap;
        }
        Duration d = first.multipliedBy(1L << doublings);
        return d.compareTo(cap) > 0 ? cap : d;
    }

    private Entry live(String key, Instant now) {
        Entry e = entries.get(key);
        if (e != null && !now.isBefore(e.last.plus(forgetAfter))) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    private void makeRoom(Instant now) {
        if (entries.size() < MAX_KEYS) {
            return;
        }
        entries.values().removeIf(e -> !now.isBefore(e.last.plus(forgetAfter)));
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (entries.size() >= MAX_KEYS && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }
}
