package org.kizuna.server.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (an account name, or a client address) in a sliding window. Once a
 * key has {@code limit} failures in the window, attempts are refused until the oldest failure
 * leaves it, whether or not the password is right: guessing gains nothing by waiting for a hint.
 *
 * <p>Memory is bounded: at most {@value #MAX_KEYS} keys are tracked; past that, keys whose
 * failures all left the window are forgotten, and if none did, the new key is refused outright.
 */
final class LoginThrottle {

    static final int MAX_KEYS = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** How long {@code key} must wait before trying again; empty when it may try now. */
    Optional<Duration> retryAfter(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return failures.size() >= MAX_KEYS && !sweep() ? Optional.of(window) : Optional.empty();
        }
        synchronized (times) {
            Instant now = clock.instant();
            prune(times, now);
            if (times.size() < limit) {
                return Optional.empty();
            }
            Duration wait = Duration.between(now, times.peekFirst().plus(window));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    void failed(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
            while (times.size() > limit) {
                times.pollFirst();
            }
        }
    }

    void succeeded(String key) {
        failures.remove(key);
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.pollFirst();
        }
    }

    /** Forgets keys without failures in the window; true when that freed room. */
    private boolean sweep() {
        Instant now = clock.instant();
        failures.values().removeIf(times -> {
            synchronized (times) {
                prune(times, now);
                return times.isEmpty();
            }
        });
        return failures.size() < MAX_KEYS;
    }
}
