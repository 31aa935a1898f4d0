package org.kizuna.server.http;

import java.time.Duration;
import java.util.Objects;
import org.kizuna.server.ServerConfig.Listener;

/**
 * The {@code http:} settings.
 *
 * @param listener        where the API listens (8443)
 * @param tls             HTTPS with the node certificate; false only for loopback demos
 * @param maxBodyBytes    largest request body; larger ones are refused with 413
 * @param idleTimeout     an idle keep-alive connection is closed after this
 * @param sessionTimeout  a browser session unused this long must log in again
 * @param login           login rate limits
 * @param classification  the banner text shown at top and bottom of the web COP
 * @param workers         threads that run API handlers (database queries, password hashing)
 */
public record HttpSettings(Listener listener, boolean tls, int maxBodyBytes, Duration idleTimeout,
                           Duration sessionTimeout, LoginLimits login, String classification, int workers) {

    public static final HttpSettings DEFAULTS = new HttpSettings(new Listener(true, "0.0.0.0", 8443), true,
            64 * 1024, Duration.ofSeconds(60), Duration.ofHours(8), LoginLimits.DEFAULTS, "UNCLASSIFIED", 4);

    /** No web API (nodes built in code for tests and benchmarks). */
    public static final HttpSettings OFF = DEFAULTS.withListener(new Listener(false, "127.0.0.1", 8443), true);

    public HttpSettings {
        Objects.requireNonNull(listener, "listener");
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("http.maxBodyBytes must be >= 1024: " + maxBodyBytes);
        }
        positive("http.idleTimeout", idleTimeout);
        positive("http.sessionTimeout", sessionTimeout);
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(classification, "classification");
        if (workers < 1) {
            throw new IllegalArgumentException("http.workers must be >= 1: " + workers);
        }
    }

    public HttpSettings withListener(Listener value, boolean useTls) {
        return new HttpSettings(value, useTls, maxBodyBytes, idleTimeout, sessionTimeout, login, classification, workers);
    }

    public HttpSettings withLogin(LoginLimits value) {
        return new HttpSettings(listener, tls, maxBodyBytes, idleTimeout, sessionTimeout, value, classification, workers);
    }

    /**
     * Failed logins allowed within {@code window} per account name and per client address before
     * further attempts are refused with 429 (whether or not the password would be right).
     */
    public record LoginLimits(int perAccount, int perAddress, Duration window) {

        public static final LoginLimits DEFAULTS = new LoginLimits(5, 20, Duration.ofMinutes(15));

        public LoginLimits {
            if (perAccount < 1 || perAddress < 1) {
                throw new IllegalArgumentException("http.login limits must be >= 1");
            }
            positive("http.login.window", window);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + d);
        }
    }
}
