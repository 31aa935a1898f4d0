package org.kizuna.core.leaks;

import java.util.HashMap;
import java.util.Map;
import org.kizuna.core.testing.RecordingSubscriber;

/**
 * One connection of a run: the client it belongs to, the recording subscriber the router
 * delivers to, and what the oracle tracks for it: the uid it announced as its own and what it
 * holds now (by the uid it knows each item by).
 */
final class Session {

    /** A copy a session holds: what it is a copy of, and the shaping the oracle allowed when it arrived. */
    record Holding(OracleBook.Source source, Shaping shaping, String how) {
    }

    final World.Client client;
    final RecordingSubscriber subscriber;
    final OracleClearance clearance;
    final Map<String, Holding> holdings = new HashMap<>();
    String selfUid;

    Session(World.Client client, RecordingSubscriber subscriber, OracleClearance clearance) {
        this.client = client;
        this.subscriber = subscriber;
        this.clearance = clearance;
    }

    long id() {
        return subscriber.id();
    }

    @Override
    public String toString() {
        return client.name() + "#" + id();
    }
}
