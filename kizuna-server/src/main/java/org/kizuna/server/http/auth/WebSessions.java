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
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;
import org.kizuna.server.http.Role;

/**
 * Logged-in browsers, by session token (the cookie value). A session unused for the idle timeout
 * is gone; so is every session of an account when it logs out everywhere. Tokens and CSRF tokens
 * are 256 random bits. Kept in memory: a restart logs everybody out, which is acceptable for a
 * watch floor and keeps tokens out of the database.
 */
public final class WebSessions {

    /** Most sessions at once; past it the least recently used one is dropped. */
    static final int MAX_SESSIONS = 10_000;

    /** One login. {@code lastUsed} moves on every request. */
    public static final class Login {
        private final String token;
        private final String account;
        private final Role role;
        private final Set<String> groups;
        private final String csrf;
        private final String passwordHash;
        private volatile Instant lastUsed;

        Login(String token, String account, Role role, Set<String> groups, String csrf, String passwordHash, Instant now) {
            this.token = token;
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

        /** The password hash the account had at login; null when not known (then only removal ends it). */
        String passwordHash() {
            return passwordHash;
        }
    }

    private final Map<String, Login> byToken = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public WebSessions(Duration idleTimeout, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    public Login open(String account, Role role, Set<String> groups) {
        return open(account, role, groups, null);
    }

    /** A login of {@code account} as it is now: role, groups and password hash, to notice when it changes. */
    public Login open(String account, Role role, Set<String> groups, String passwordHash) {
        if (byToken.size() >= MAX_SESSIONS) {
            evictOldest();
        }
        Login login = new Login(randomToken(), account, role, groups, randomToken(), passwordHash, clock.instant());
        byToken.put(login.token(), login);
        return login;
    }

    /** The live session of {@code token}, touched; empty when unknown or idle too long. */
    public Optional<Login> find(String token) {
        Login login = byToken.get(token);
        if (login == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(login.lastUsed.plus(idleTimeout))) {
            byToken.remove(token, login);
            return Optional.empty();
        }
        login.lastUsed = now;
        return Optional.of(login);
    }

    /** Ends every login {@code stale} says is no longer valid; returns them. */
    public List<Login> revokeIf(Predicate<Login> stale) {
        List<Login> revoked = new ArrayList<>();
        for (Login login : byToken.values()) {
            if (stale.test(login) && byToken.remove(login.token(), login)) {
                revoked.add(login);
            }
        }
        return revoked;
    }

    public void close(String token) {
        byToken.remove(token);
    }

    public int size() {
        return byToken.size();
    }

    private void evictOldest() {
        byToken.values().stream().min((a, b) -> a.lastUsed.compareTo(b.lastUsed))
                .ifPresent(oldest -> byToken.remove(oldest.token(), oldest));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
