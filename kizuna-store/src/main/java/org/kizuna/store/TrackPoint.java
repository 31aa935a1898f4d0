package org.kizuna.store;

import java.time.Instant;

/** One position of a track: when the node received it, the sender's time, and where. */
public record TrackPoint(Instant receivedAt, Instant time, String type, double lat, double lon, double hae, double ce) {
}
