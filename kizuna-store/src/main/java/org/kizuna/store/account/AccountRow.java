package org.kizuna.store.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One browser user as stored.
 *
 * @param name         login name: letters, digits, {@code . _ -}, 1..64, starting with a letter or digit
 * @param passwordHash the KDF output as a self-describing string (algorithm, parameters, salt, hash)
 * @param role         {@code viewer}, {@code operator} or {@code admin}
 * @param groups       groups the user reads from and writes into (both directions)
 */
public record AccountRow(String name, String passwordHash, String role, Set<String> groups, Instant createdAt) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public AccountRow {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("account name must be 1..64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit: '" + name + "'");
        }
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        groups = Set.copyOf(groups);
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
