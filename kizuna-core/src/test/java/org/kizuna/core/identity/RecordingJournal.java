package org.kizuna.core.identity;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what it is handed, as lines, in the order it was handed. */
final class RecordingJournal implements BindingJournal {

    final List<String> records = new CopyOnWriteArrayList<>();

    @Override
    public void bound(String uid, String owner, Instant at) {
        records.add("bound " + uid + " " + owner + " " + at);
    }

    @Override
    public void released(String uid, String owner, String by, Instant at) {
        records.add("released " + uid + " " + owner + " by " + by + " " + at);
    }
}
