package org.kizuna.store.identity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The journal read from its start: the live bindings by uid and how many records that took.
 *
 * @param live    uid to its binding; {@code at} is the latest time recorded for it (bound, or last use in a snapshot)
 * @param records records read (comments and unreadable lines not counted)
 * @param skipped unreadable lines skipped
 */
public record Replayed(Map<String, BindingRecord.Bound> live, long records, long skipped) {

    public Replayed {
        live = Collections.unmodifiableMap(live);
    }

    public Optional<String> ownerOf(String uid) {
        return Optional.ofNullable(live.get(uid)).map(BindingRecord.Bound::owner);
    }

    /** Folds records in journal order into the live bindings. */
    static final class Fold {

        private final Map<String, BindingRecord.Bound> live = new LinkedHashMap<>();
        private long records;
        private long skipped;

        void apply(BindingRecord r) {
            records++;
            if (r instanceof BindingRecord.Bound b) {
                // Only a node binds, and only a free uid: a later bound record is the truth. For the
                // same owner (a record queued before a snapshot, written after it) keep the later time.
                live.merge(b.uid(), b, (old, now) -> old.owner().equals(now.owner()) && old.at().isAfter(now.at()) ? old : now);
            } else {
                live.computeIfPresent(r.uid(), (uid, old) -> old.owner().equals(r.owner()) ? null : old);
            }
        }

        void skipped() {
            skipped++;
        }

        Replayed result() {
            return new Replayed(live, records, skipped);
        }
    }
}
