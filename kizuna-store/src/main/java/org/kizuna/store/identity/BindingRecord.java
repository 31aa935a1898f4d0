package org.kizuna.store.identity;

import java.time.Instant;
import java.util.Objects;

/** One line of the uid binding journal. */
public sealed interface BindingRecord {

    String uid();

    String owner();

    Instant at();

    /**
     * {@code uid} is {@code owner}'s. In a compacted snapshot {@code at} is the last use; when the
     * node bound it, the time it did.
     */
    record Bound(String uid, String owner, Instant at) implements BindingRecord {
        public Bound {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(at, "at");
        }
    }

    /** {@code by} released {@code uid} from {@code owner}; a release naming another owner changes nothing. */
    record Released(String uid, String owner, String by, Instant at) implements BindingRecord {
        public Released {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }
}
