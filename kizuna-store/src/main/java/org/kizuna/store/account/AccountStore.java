package org.kizuna.store.account;

import java.util.List;
import java.util.Optional;
import org.kizuna.store.StoreException;

/** Browser accounts. Every method blocks on the database: never call one on an event loop. */
public interface AccountStore {

    Optional<AccountRow> find(String name) throws StoreException;

    /** Adds {@code account}; false when the name is taken (nothing changed). */
    boolean add(AccountRow account) throws StoreException;

    /** Replaces the account of the same name; false when there is none. */
    boolean update(AccountRow account) throws StoreException;

    /** Removes the account {@code name}; false when there is none. */
    boolean remove(String name) throws StoreException;

    List<AccountRow> all() throws StoreException;
}
