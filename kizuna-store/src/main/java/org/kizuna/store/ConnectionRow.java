package org.kizuna.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A client connected or disconnected.
 *
 * @param sessionId the node's session number (unique until the node restarts)
 * @param identity  certificate CN, or {@code anonymous@address}
 * @param uid       the client's own uid when known (learned from its first self report), else null
 * @param callsign  its callsign when known, else null
 */
public record ConnectionRow(Instant at, Kind kind, long sessionId, String identity, String uid, String callsign,
                            Set<String> groupsIn, Set<String> groupsOut) {

    /** What happened. */
    public enum Kind { CONNECTED, DISCONNECTED }

    public ConnectionRow {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(identity, "identity");
        groupsIn = Set.copyOf(groupsIn);
        groupsOut = Set.copyOf(groupsOut);
    }
}
