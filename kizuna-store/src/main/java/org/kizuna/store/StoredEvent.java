package org.kizuna.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.xml.CotXmlWriter;

/**
 * One routed event as the store keeps it: the canonical XML bytes (what is replayed and exported)
 * plus the columns queries filter on.
 *
 * @param sender     the identity of the session that sent it (certificate CN, or anonymous@address)
 * @param groups     the groups it was written into (the sender's IN groups, narrowed by a
 *                   {@code <marti><dest group>}); later readers see it only through these
 * @param direct     true when it went point-to-point ({@code <marti><dest>} or a direct chat); such
 *                   events never seed the picture after a restart
 * @param receivedAt when this node routed it: the time windows, retention and replay use this clock,
 *                   not the sender's {@code time}
 * @param label      the event's STANAG 4774 labels as XML (originator and alternatives); null when
 *                   the node runs without labels
 * @param labelPolicy         the originator label's policy; null without a label
 * @param labelClassification the originator label's classification; null without a label
 * @param xml        canonical XML of the event as routed ({@link CotXmlWriter}); not copied, do not modify
 */
public record StoredEvent(String uid, String type, String how, Instant time, Instant start, Instant stale,
                          double lat, double lon, double hae, double ce, String sender, Set<String> groups,
                          boolean direct, Instant receivedAt, String label, String labelPolicy,
                          String labelClassification, byte[] xml) {

    public StoredEvent {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stale, "stale");
        Objects.requireNonNull(sender, "sender");
        groups = Set.copyOf(groups);
        // the column keeps milliseconds; truncating here makes what is read back equal what was written
        receivedAt = receivedAt.truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(xml, "xml");
    }

    /** The stored form of {@code event}, routed at {@code receivedAt}; encodes it once. */
    public static StoredEvent of(CotEvent event, String sender, Set<String> groups, boolean direct, Instant receivedAt) {
        return of(event, CotXmlWriter.toBytes(event), sender, groups, direct, receivedAt);
    }

    /** The stored form of {@code event} whose canonical XML {@code xml} the router already made (shared, not copied). */
    public static StoredEvent of(CotEvent event, byte[] xml, String sender, Set<String> groups, boolean direct,
                                 Instant receivedAt) {
        return new StoredEvent(event.uid(), event.type().value(), event.how(), event.time(), event.start(),
                event.stale(), event.point().lat(), event.point().lon(), event.point().hae(), event.point().ce(),
                sender, groups, direct, receivedAt, null, null, null, xml);
    }

    /** This event with its label: the 4774 XML and the originator label's policy and classification. */
    public StoredEvent withLabel(String labelXml, String policy, String classification) {
        return new StoredEvent(uid, type, how, time, start, stale, lat, lon, hae, ce, sender, groups, direct, receivedAt,
                labelXml, policy, classification, xml);
    }

    /** GeoChat ({@code b-t-f} and its subtypes), which the store also keeps as a {@link ChatRow}. */
    public boolean isChat() {
        return type.equals("b-t-f") || type.startsWith("b-t-f-");
    }

    /** Position reports ({@code a-*}): the only kind the writer may sample when the database falls behind. */
    public boolean isPosition() {
        return type.equals("a") || type.startsWith("a-");
    }
}
