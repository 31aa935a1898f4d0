package org.kizuna.store;

import java.time.Instant;

/**
 * One position of a track: when the node received it, the sender's time, and where.
 *
 * @param label the event's STANAG 4774 labels as XML, as in {@link StoredEvent#label()}; null
 *              when it was stored without labels
 */
public record TrackPoint(Instant receivedAt, Instant time, String type, double lat, double lon, double hae, double ce,
                         String label) {
}
