package org.kizuna.server.http.enroll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import org.kizuna.server.http.auth.AuthApi;
import org.kizuna.store.files.OwnerOnlyFiles;

/**
 * One-time enrollment tokens ({@code kizuna enroll-qr}): {@code DATA/enrollment/tokens.tsv},
 * owner-only, one line per live token: SHA-256 of the token, account name, expiry. The token
 * itself is never stored; it is shown once, in the QuickConnect URI. On the enrollment port it
 * is accepted once, as the password of its account, before it expires.
 *
 * <p>A used token stays on file, marked, until it expires: the enrollment package
 * ({@link #profiles()}) may still be fetched with it, since a client asks for it right after its
 * certificate and the package holds nothing secret; it never signs a second certificate.
 *
 * <p>The command that issues tokens and the node that uses them up are two processes: every
 * change holds an exclusive lock on {@code tokens.lock} and replaces the file atomically.
 */
public final class EnrollmentTokens implements AuthApi.OneTimePasswords {

    /** How long a token lives unless told otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(String hash, String account, Instant expires, boolean used) {
        String line() {
            return hash + '\t' + account + '\t' + expires + (used ? "\tused" : "") + '\n';
        }

        boolean matches(String tokenHash, String name, Instant now) {
            return MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII), tokenHash.getBytes(StandardCharsets.US_ASCII))
                    && account.equals(name) && now.isBefore(expires);
        }
    }

    private final Path directory;
    private final Clock clock;

    private EnrollmentTokens(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The tokens of the node whose data directory is {@code dataDir}. */
    public static EnrollmentTokens in(Path dataDir, Clock clock) {
        return new EnrollmentTokens(dataDir.resolve("enrollment"), clock);
    }

    public Path file() {
        return directory.resolve("tokens.tsv");
    }

    /** A new token for {@code account}, live for {@code ttl}; only its hash is written. */
    public String issue(String account, Duration ttl) throws IOException {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        change(entries -> {
            entries.removeIf(e -> !now.isBefore(e.expires()));
            entries.add(new Entry(hash(token), account, now.plus(ttl), false));
            return Boolean.TRUE;
        }, true);
        return token;
    }

    /** True, once, when {@code token} is a live, unused token of {@code account}; it is marked used. */
    @Override
    public boolean consume(String account, String token) {
        return check(account, token, true);
    }

    /** The same tokens for the enrollment package: live ones, used or not, and none is used up. */
    public AuthApi.OneTimePasswords profiles() {
        return (account, token) -> check(account, token, false);
    }

    private boolean check(String account, String token, boolean use) {
        if (token.isEmpty() || !Files.exists(file())) {
            return false;
        }
        Instant now = clock.instant();
        String hash = hash(token);
        try {
            return change(entries -> {
                boolean hit = false;
                for (int i = 0; i < entries.size(); i++) {
                    Entry e = entries.get(i);
                    if (e.matches(hash, account, now) && (!use || !e.used())) {
                        hit = true;
                        if (use) {
                            entries.set(i, new Entry(e.hash(), e.account(), e.expires(), true));
                        }
                    }
                }
                entries.removeIf(e -> !now.isBefore(e.expires()));
                return hit;
            }, use);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the enrollment tokens in " + file(), e);
        }
    }

    private interface Edit<T> {
        T apply(List<Entry> entries);
    }

    /** Runs {@code edit} under the lock; writes the entries back when {@code write}. */
    private synchronized <T> T change(Edit<T> edit, boolean write) throws IOException {
        OwnerOnlyFiles.directory(directory);
        try (FileChannel lockFile = OwnerOnlyFiles.channel(directory.resolve("tokens.lock"),
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
             FileLock lock = lockFile.lock()) {
            List<Entry> entries = read();
            T result = edit.apply(entries);
            if (write) {
                StringBuilder out = new StringBuilder("# sha256\taccount\texpires\t[used]\n");
                entries.forEach(e -> out.append(e.line()));
                OwnerOnlyFiles.replace(file(), out.toString().getBytes(StandardCharsets.UTF_8));
            }
            return result;
        }
    }

    private List<Entry> read() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file())) {
            return entries;
        }
        for (String line : Files.readAllLines(file(), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (line.startsWith("#") || f.length < 3 || f.length > 4) {
                continue;
            }
            try {
                entries.add(new Entry(f[0], f[1], Instant.parse(f[2]), f.length == 4 && f[3].equals("used")));
            } catch (RuntimeException e) {
                // a damaged line is dropped with the next change: it can never match a token anyway
            }
        }
        return entries;
    }

    /** A token has 192 random bits: a plain SHA-256 is enough to keep the file useless to a reader. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK guarantees SHA-256", e);
        }
    }
}
