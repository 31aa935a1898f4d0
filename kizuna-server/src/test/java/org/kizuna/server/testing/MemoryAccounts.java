package org.kizuna.server.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kizuna.server.http.auth.PasswordHash;
import org.kizuna.store.account.AccountRow;
import org.kizuna.store.account.AccountStore;

/** Accounts in memory for web tests; passwords really hashed with Argon2id. */
public final class MemoryAccounts implements AccountStore {

    private final Map<String, AccountRow> rows = new ConcurrentHashMap<>();

    /** Adds {@code name} with {@code password}, {@code role} and groups (both directions). */
    public MemoryAccounts with(String name, String password, String role, String... groups) {
        add(new AccountRow(name, new PasswordHash(PasswordHash.Cost.DEFAULT).hash(password.toCharArray()), role,
                Set.of(groups), Instant.now()));
        return this;
    }

    @Override
    public Optional<AccountRow> find(String name) {
        return Optional.ofNullable(rows.get(name));
    }

    @Override
    public boolean add(AccountRow account) {
        return rows.putIfAbsent(account.name(), account) == null;
    }

    @Override
    public boolean update(AccountRow account) {
        return rows.replace(account.name(), account) != null;
    }

    @Override
    public boolean remove(String name) {
        return rows.remove(name) != null;
    }

    @Override
    public List<AccountRow> all() {
        return new ArrayList<>(rows.values());
    }
}
