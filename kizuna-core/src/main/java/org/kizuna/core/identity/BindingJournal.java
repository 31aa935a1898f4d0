package org.kizuna.core.identity;

import java.time.Instant;

/**
 * Where {@link UidBindings} hands every change to be made durable. Called on event loops, while
 * the uid's entry is locked (so records for one uid arrive in the order the changes happened):
 * an implementation must only queue the record and return, never block or do I/O.
 */
public interface BindingJournal {

    /** Nothing is kept: bindings last as long as the process. */
    BindingJournal NONE = new BindingJournal() {
        @Override
        public void bound(String uid, String owner, Instant at) {
        }

        @Override
        public void released(String uid, String owner, String by, Instant at) {
        }
    };

    /** {@code uid} was free and is now {@code owner}'s. */
    void bound(String uid, String owner, Instant at);

    /** {@code by} (an admin) released {@code uid} from {@code owner}. */
    void released(String uid, String owner, String by, Instant at);
}
