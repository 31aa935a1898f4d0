package org.kizuna.server.http.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.kizuna.server.http.Role;

/**
 * Logged-in browsers, by session token (the cookie value). A session unused for the idle timeout
 * is gone, and so is one older than the maximum lifetime however busy it is. Tokens and CSRF
 * tokens are 256 random bits. Kept in memory: a restart logs everybody out, which is acceptable
 * for a watch floor and keeps tokens out of the database.
 *
 * <p>Every end of a session, whatever its cause, is told to the listener ({@link #onEnded}), so
 * that what the login holds open (its live feeds) ends with it; {@link #expire()} finds the
 * sessions that timed out without being used again.
 */
public final class WebSessions {

    /** Most sessions at once; past it the least recently used one is dropped. */
    static final int MAX_SESSIONS = 10_000;

    /** Why a login ended. */
    public enum EndReason {
        LOGOUT("logged out"),
        IDLE("idle for the session timeout"),
        LIFETIME("the session's maximum lifetime is over"),
        CHANGED("the account was removed or changed"),
        EVICTED("too many sessions: the least recently used one ends");

        private final String text;

        EndReason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A login that ended, and why. */
    public record Ended(Login login, EndReason why) {
    }

    /** One login. {@code lastUsed} moves on every request. */
    public static final class Login {
        private final String token;
        private final String account;
        private final Role role;
        private final Set<String> groups;
        private final String csrf;
        private final String passwordHash;
        private final Instant expires;
        private volatile Instant lastUsed;

        Login(String token, String account, Role role, Set<String> groups, String csrf, String passwordHash, Instant now,
              Instant expires) {
            this.token = token;
            this.expires = expires;
            this.passwordHash = passwordHash;
            this.account = account;
            this.role = role;
            this.groups = Set.copyOf(groups);
            this.csrf = csrf;
            this.lastUsed = now;
        }

        public String token() {
            return token;
        }

        public String account() {
            return account;
        }

        public Role role() {
            return role;
        }

        public Set<String> groups() {
            return groups;
        }

        public String csrf() {
            return csrf;
        }

        /** When the login ends however busy it is (its maximum lifetime). */
        public Instant expires() {
            return expires;
        }

        /** The password hash the account had at login; null when not known (then only removal ends it). */
        String passwordHash() {
            return passwordHash;
        }
    }

    private final Map<String, Login> byToken = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final List<Consumer<List<Ended>>> listeners = new CopyOnWriteArrayList<>();

    public WebSessions(Duration idleTimeout, Duration maxLifetime, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    /** {@code listener} hears of every login that ends, on the thread that ended it. */
    public void onEnded(Consumer<List<Ended>> listener) {
        listeners.add(listener);
    }

    public Login open(String account, Role role, Set<String> groups) {
        return open(account, role, groups, null);
    }

    /** A login of {@code account} as it is now: role, groups and password hash, to notice when it changes. */
    public Login open(String account, Role role, Set<String> groups, String passwordHash) {
        if (byToken.size() >= MAX_SESSIONS) {
            evictOldest();
        }
        Instant now = clock.instant();
        Login login = new Login(randomToken(), account, role, groups, randomToken(), passwordHash, now,
                now.plus(maxLifetime));
        byToken.put(login.token(), login);
        return login;
    }

    /** The live session of {@code token}, touched; empty when unknown, idle too long or too old. */
    public Optional<Login> find(String token) {
        Login login = byToken.get(token);
        if (login == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        EndReason over = expiry(login, now);
        if (over != null) {
            end(login, over);
            return Optional.empty();
        }
        login.lastUsed = now;
        return Optional.of(login);
    }

    /** Ends every login that is idle too long or too old; returns them. */
    public List<Ended> expire() {
        Instant now = clock.instant();
        List<Ended> ended = new ArrayList<>();
        for (Login login : byToken.values()) {
            EndReason over = expiry(login, now);
            if (over != null && byToken.remove(login.token(), login)) {
                ended.add(new Ended(login, over));
            }
        }
        tell(ended);
        return ended;
    }

    /** Ends every login {@code stale} says is no longer valid; returns them. */
    public List<Login> revokeIf(Predicate<Login> stale) {
        List<Login> revoked = new ArrayList<>();
        for (Login login : byToken.values()) {
            if (stale.test(login) && byToken.remove(login.token(), login)) {
                revoked.add(login);
            }
        }
        tell(revoked.stream().map(l -> new Ended(l, EndReason.CHANGED)).toList());
        return revoked;
    }

    /** Logout: ends the login of {@code token}, if there is one. */
    public void close(String token) {
        Login login = byToken.get(token);
        if (login != null) {
            end(login, EndReason.LOGOUT);
        }
    }

    public int size() {
        return byToken.size();
    }

    private EndReason expiry(Login login, Instant now) {
        if (!now.isBefore(login.expires)) {
            return EndReason.LIFETIME;
        }
        return now.isBefore(login.lastUsed.plus(idleTimeout)) ? null : EndReason.IDLE;
    }

    private void end(Login login, EndReason why) {
        if (byToken.remove(login.token(), login)) {
            tell(List.of(new Ended(login, why)));
        }
    }

    private void tell(List<Ended> ended) {
        if (!ended.isEmpty()) {
            listeners.forEach(l -> l.accept(ended));
        }
    }

    private void evictOldest() {
        byToken.values().stream().min((a, b) -> a.lastUsed.compareTo(b.lastUsed))
                .ifPresent(oldest -> end(oldest, EndReason.EVICTED));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
