package org.kizuna.server.http;

import io.netty.util.NetUtil;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.kizuna.server.ServerConfig.Listener;

/**
 * The {@code http:} settings.
 *
 * @param listener           where the API listens (8443)
 * @param tls                HTTPS with the node certificate; false only on a loopback listener
 * @param hosts              the names the node answers to ({@code Host}, {@code Origin}); empty means
 *                           the server certificate's DNS names and addresses plus loopback
 * @param maxBodyBytes       largest request body; larger ones are refused with 413
 * @param idleTimeout        an idle keep-alive connection is closed after this
 * @param sessionTimeout     a browser session unused this long must log in again
 * @param sessionMaxLifetime a browser session this old must log in again, however busy
 * @param login              how failed logins slow down further attempts
 * @param classification     the banner text shown at top and bottom of the web COP
 * @param workers            threads that run API handlers (database queries, password hashing)
 * @param enrollment         the certificate enrollment port (8446, {@code enrollment:} in kizuna.yaml):
 *                           HTTPS with the server certificate only and HTTP Basic with a web account;
 *                           it runs only beside the web API, whose accounts and login delays it shares
 */
public record HttpSettings(Listener listener, boolean tls, List<String> hosts, int maxBodyBytes, Duration idleTimeout,
                           Duration sessionTimeout, Duration sessionMaxLifetime, LoginDelays login,
                           String classification, int workers, Listener enrollment) {

    /** The enrollment port's default: on, every address, 8446 (TAK Server's). */
    public static final Listener ENROLLMENT_DEFAULT = new Listener(true, "0.0.0.0", 8446);

    public static final HttpSettings DEFAULTS = new HttpSettings(new Listener(true, "0.0.0.0", 8443), true, List.of(),
            64 * 1024, Duration.ofSeconds(60), Duration.ofHours(8), Duration.ofHours(12), LoginDelays.DEFAULTS,
            "UNCLASSIFIED", 4, ENROLLMENT_DEFAULT);

    /** No web API (nodes built in code for tests and benchmarks). */
    public static final HttpSettings OFF = DEFAULTS.withListener(new Listener(false, "127.0.0.1", 8443), true);

    public HttpSettings {
        Objects.requireNonNull(listener, "listener");
        if (listener.enabled() && !tls && !isLoopback(listener.bindAddress())) {
            // Plain HTTP carries passwords and session cookies in clear: only where nothing leaves the host.
            throw new IllegalArgumentException("http.tls: false is allowed only when http.bind is a loopback address "
                    + "(127.0.0.1, ::1 or localhost), not '" + listener.bindAddress() + "': turn http.tls on, or bind "
                    + "to loopback behind a TLS-terminating proxy");
        }
        hosts = List.copyOf(hosts);
        hosts.forEach(AllowedHosts::normalise); // refuses a malformed entry at load
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("http.maxBodyBytes must be >= 1024: " + maxBodyBytes);
        }
        positive("http.idleTimeout", idleTimeout);
        positive("http.sessionTimeout", sessionTimeout);
        positive("http.sessionMaxLifetime", sessionMaxLifetime);
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(classification, "classification");
        if (workers < 1) {
            throw new IllegalArgumentException("http.workers must be >= 1: " + workers);
        }
        Objects.requireNonNull(enrollment, "enrollment");
    }

    /** The same settings without the old trailing argument: enrollment on its default. */
    public HttpSettings(Listener listener, boolean tls, List<String> hosts, int maxBodyBytes, Duration idleTimeout,
                        Duration sessionTimeout, Duration sessionMaxLifetime, LoginDelays login, String classification,
                        int workers) {
        this(listener, tls, hosts, maxBodyBytes, idleTimeout, sessionTimeout, sessionMaxLifetime, login, classification,
                workers, ENROLLMENT_DEFAULT);
    }

    public HttpSettings withEnrollment(Listener value) {
        return new HttpSettings(listener, tls, hosts, maxBodyBytes, idleTimeout, sessionTimeout, sessionMaxLifetime,
                login, classification, workers, value);
    }

    public HttpSettings withListener(Listener value, boolean useTls) {
        return new HttpSettings(value, useTls, hosts, maxBodyBytes, idleTimeout, sessionTimeout, sessionMaxLifetime,
                login, classification, workers, enrollment);
    }

    public HttpSettings withLogin(LoginDelays value) {
        return new HttpSettings(listener, tls, hosts, maxBodyBytes, idleTimeout, sessionTimeout, sessionMaxLifetime,
                value, classification, workers, enrollment);
    }

    public HttpSettings withHosts(List<String> value) {
        return new HttpSettings(listener, tls, value, maxBodyBytes, idleTimeout, sessionTimeout, sessionMaxLifetime,
                login, classification, workers, enrollment);
    }

    public HttpSettings withSessions(Duration idle, Duration maxLifetime) {
        return new HttpSettings(listener, tls, hosts, maxBodyBytes, idleTimeout, idle, maxLifetime, login,
                classification, workers, enrollment);
    }

    /** An IP literal of the loopback range, or {@code localhost}; no name is resolved. */
    static boolean isLoopback(String bindAddress) {
        String a = bindAddress.trim().toLowerCase(Locale.ROOT);
        if (a.equals("localhost")) {
            return true;
        }
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(a);
        if (ip == null) {
            return false;
        }
        try {
            return java.net.InetAddress.getByAddress(ip).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false; // only for a wrong length, which the parser never returns
        }
    }

    /**
     * Failed logins slow down further attempts instead of locking an account: after a few
     * failures, each attempt must wait {@code firstDelay}, then twice that after each further
     * failure, up to a cap. Three counts apply: per account and client address (the cap
     * {@code maxDelay}), per client address over every name (the cap {@code maxDelay}), and per
     * account over every address (the cap {@code maxAccountDelay}, small, so that attackers
     * elsewhere cannot keep the real user out; each address adds at most {@code freeFailures} to
     * it, and an address the account signed in from before is exempt from it). A count is
     * forgotten after {@code forgetAfter} without failures.
     *
     * @param freeFailures           failures per account and address before delays start
     * @param freeFailuresPerAddress failures per address (any name) before its delays start
     * @param freeFailuresPerAccount failures per account (all addresses) before its delays start
     */
    public record LoginDelays(int freeFailures, int freeFailuresPerAddress, int freeFailuresPerAccount,
                              Duration firstDelay, Duration maxDelay, Duration maxAccountDelay, Duration forgetAfter) {

        public static final LoginDelays DEFAULTS = new LoginDelays(3, 10, 10, Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(15));

        public LoginDelays {
            if (freeFailures < 1 || freeFailuresPerAddress < 1 || freeFailuresPerAccount < 1) {
                throw new IllegalArgumentException("http.login free failures must be >= 1");
            }
            requirePositive("http.login.firstDelay", firstDelay);
            requirePositive("http.login.maxDelay", maxDelay);
            requirePositive("http.login.maxAccountDelay", maxAccountDelay);
            requirePositive("http.login.forgetAfter", forgetAfter);
            if (maxDelay.compareTo(firstDelay) < 0 || maxAccountDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("http.login.maxDelay and maxAccountDelay must be >= firstDelay");
            }
        }

        /** Here, not in the outer record: its constants are built from this one's. */
        static void requirePositive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be > 0: " + d);
            }
        }
    }

    private static void positive(String name, Duration d) {
        LoginDelays.requirePositive(name, d);
    }
}
