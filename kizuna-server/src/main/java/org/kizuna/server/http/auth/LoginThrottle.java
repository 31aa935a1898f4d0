package org.kizuna.server.http.auth;

import io.netty.util.NetUtil;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kizuna.server.http.HttpSettings.LoginDelays;

/**
 * Slows down password guessing without locking anybody out. Three counts of failed logins, each
 * with its own exponential delay ({@link FailureCounts}):
 * <ul>
 *   <li>per account and client address: one guesser against one account, up to {@code maxDelay};</li>
 *   <li>per client address over every name: one guesser spraying many accounts, up to {@code maxDelay};</li>
 *   <li>per account over every address: many guessers against one account, up to the small
 *       {@code maxAccountDelay}; each address adds at most {@code freeFailures} to it, so one
 *       attacker alone never raises it for the real user elsewhere.</li>
 * </ul>
 * An address the account signed in from within {@link #TRUSTED_FOR} is exempt from the last two:
 * other people's failures, elsewhere or behind the same address, never delay it; only failures
 * for that very account from that very address do. A too-early attempt is refused whether or not
 * its password is right, so waiting is the only way to learn anything.
 *
 * <p>Addresses are keyed by IPv4 address or IPv6 /64 (one host holds a whole /64).
 */
final class LoginThrottle {

    static final Duration TRUSTED_FOR = Duration.ofDays(30);

    /** A refused attempt: how long to wait and which count refused it. */
    record Wait(Duration duration, String scope) {

        /** Whole seconds for {@code Retry-After}, at least 1. */
        long seconds() {
            long s = duration.toSeconds() + (duration.getNano() > 0 ? 1 : 0);
            return Math.max(1, s);
        }
    }

    private final LoginDelays delays;
    private final Clock clock;
    private final FailureCounts pairs;
    private final FailureCounts addresses;
    private final FailureCounts accounts;
    /** Account and address pairs that signed in, with when; in access order, bounded. */
    private final LinkedHashMap<String, Instant> trusted = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > FailureCounts.MAX_KEYS;
        }
    };

    LoginThrottle(LoginDelays delays, Clock clock) {
        this.delays = delays;
        this.clock = clock;
        this.pairs = new FailureCounts(delays.freeFailures(), delays.firstDelay(), delays.maxDelay(),
                delays.forgetAfter());
        this.addresses = new FailureCounts(delays.freeFailuresPerAddress(), delays.firstDelay(), delays.maxDelay(),
                delays.forgetAfter());
        this.accounts = new FailureCounts(delays.freeFailuresPerAccount(), delays.firstDelay(),
                delays.maxAccountDelay(), delays.forgetAfter());
    }

    /**
     * Whether an attempt for {@code account} from {@code address} may go ahead now; when it may,
     * it is let through and holds back parallel attempts until {@link #failed} or {@link #succeeded}.
     */
    synchronized Optional<Wait> attempt(String account, String address) {
        Instant now = clock.instant();
        String acct = account(account);
        String from = address(address);
        String pair = acct + "\n" + from;
        boolean exempt = isTrusted(pair, now);
        Wait wait = longest(new Wait(pairs.wait(pair, now), "this name from this address"),
                exempt ? null : new Wait(addresses.wait(from, now), "this address"),
                exempt ? null : new Wait(accounts.wait(acct, now), "this name"));
        if (!wait.duration().isZero()) {
            return Optional.of(wait);
        }
        pairs.reserve(pair, now);
        if (!exempt) {
            addresses.reserve(from, now);
            accounts.reserve(acct, now);
        }
        return Optional.empty();
    }

    synchronized void failed(String account, String address) {
        Instant now = clock.instant();
        String acct = account(account);
        String from = address(address);
        int fromHere = pairs.failed(acct + "\n" + from, now);
        addresses.failed(from, now);
        if (fromHere <= delays.freeFailures()) {
            accounts.failed(acct, now);
        }
    }

    /** The pair starts afresh and is trusted; the address's and account's counts stay (others' failures). */
    synchronized void succeeded(String account, String address) {
        String acct = account(account);
        String from = address(address);
        pairs.forget(acct + "\n" + from);
        addresses.release(from);
        accounts.release(acct);
        trusted.put(acct + "\n" + from, clock.instant());
    }

    private boolean isTrusted(String pair, Instant now) {
        Instant since = trusted.get(pair);
        if (since != null && !now.isBefore(since.plus(TRUSTED_FOR))) {
            trusted.remove(pair);
            return false;
        }
        return since != null;
    }

    private static Wait longest(Wait... waits) {
        Wait longest = new Wait(Duration.ZERO, "");
        for (Wait w : waits) {
            if (w != null && w.duration().compareTo(longest.duration()) > 0) {
                longest = w;
            }
        }
        return longest;
    }

    private static String account(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** An IPv4 address as is; an IPv6 address as its /64. */
    static String address(String address) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(address);
        if (ip == null || ip.length != 16) {
            return address;
        }
        return HexFormat.of().formatHex(ip, 0, 8) + "::/64";
    }
}
