package org.kizuna.core.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.kizuna.core.json.EventJson;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.proto.TakStreamFramer;
import org.kizuna.cot.xml.CotXmlWriter;
import org.kizuna.policy.release.LabelKey;
import org.kizuna.policy.release.Obligations;

/**
 * One event as the router routed it, handed to every sink alike (TAK sessions, browsers, the
 * history store, federation links): the event as it leaves the node, its label's cache key and
 * markings, where it came from and which groups it was written into, and each wire encoding made
 * at most once, on first use, and shared by every recipient (encode once, fan out many). The
 * byte arrays are never modified after creation, so many channels may wrap them at the same time.
 * Nobody downstream reads the label back out of the event or encodes it again.
 *
 * <p>{@code coalesceKey} is the uid for position-like updates that a newer update for the same uid
 * may replace in a slow client's queue; it is {@code null} for traffic that must never be dropped
 * or replaced (chat, deletes, control answers).
 *
 * <p>A release with obligations gets a {@link #variant}: the shaped event, made and encoded once
 * per obligation variant and shared by every recipient of that variant, local or partner.
 */
public final class RoutedEvent {

    private final CotEvent event;
    private final CotEvent decidedOn;
    private final String coalesceKey;
    private final TakProtoCodec protoCodec;
    private final LabelKey label;
    private final LabelMarking marking;
    private final Origin origin;
    private Map<Obligations, RoutedEvent> variants;
    private volatile byte[] xml;
    private volatile byte[] takMessage;
    private volatile byte[] protoFrame;
    private volatile byte[] json;

    /** An unlabelled event of no particular origin (the streaming core without labels, tests). */
    public RoutedEvent(CotEvent event, String coalesceKey, TakProtoCodec protoCodec) {
        this(event, coalesceKey, protoCodec, null, null, Origin.NODE);
    }

    /**
     * @param label   the event's label key; null when labels are off
     * @param marking how the label reads for people; null without labels
     * @param origin  who published it and where it was written
     */
    public RoutedEvent(CotEvent event, String coalesceKey, TakProtoCodec protoCodec, LabelKey label,
                       LabelMarking marking, Origin origin) {
        this(event, event, coalesceKey, protoCodec, label, marking, origin);
    }

    private RoutedEvent(CotEvent event, CotEvent decidedOn, String coalesceKey, TakProtoCodec protoCodec, LabelKey label,
                        LabelMarking marking, Origin origin) {
        this.event = Objects.requireNonNull(event, "event");
        this.decidedOn = Objects.requireNonNull(decidedOn, "decidedOn");
        this.coalesceKey = coalesceKey;
        this.protoCodec = Objects.requireNonNull(protoCodec, "protoCodec");
        this.label = label;
        this.marking = marking;
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * The same routing facts for another event (a notice about this item, under its label). It is
     * released exactly as this item: decided on this item's type and point ({@link #decidedOn}), so
     * a notice reaches only those who may hold the item, shaped as they got it (a pseudonym for
     * those who know it by one).
     */
    public RoutedEvent about(CotEvent other, String otherCoalesceKey) {
        return new RoutedEvent(other, decidedOn, otherCoalesceKey, protoCodec, label, marking, origin);
    }

    public CotEvent event() {
        return event;
    }

    public LabelKey label() {
        return label;
    }

    /**
     * The event whose type and point a release decision reads: this event itself, or for a notice
     * made {@link #about} an item, that item's event (a notice's own type and point would put it
     * under other rules than the item it names).
     */
    public CotEvent decidedOn() {
        return decidedOn;
    }

    /** The label's markings; null without labels. */
    public LabelMarking marking() {
        return marking;
    }

    public Origin origin() {
        return origin;
    }

    public String coalesceKey() {
        return coalesceKey;
    }

    /**
     * This event shaped by {@code obligations}: {@code this} when they do not change the event,
     * else one shared variant per obligation set, made by {@code shape} on first use. A variant
     * without identity does not say who published it either.
     */
    public RoutedEvent variant(Obligations obligations, UnaryOperator<CotEvent> shape) {
        if (!obligations.altersEvent()) {
            return this;
        }
        Obligations key = obligations.variant();
        synchronized (this) {
            if (variants == null) {
                variants = new HashMap<>(4);
            }
            return variants.computeIfAbsent(key, k -> new RoutedEvent(shape.apply(event), decidedOn, coalesceKey,
                    protoCodec, label, marking, k.dropIdentity() ? origin.anonymised() : origin));
        }
    }

    /** The bytes for {@code format}; the first caller encodes, later callers share the result. */
    public byte[] bytes(WireFormat format) {
        return switch (format) {
            case XML -> xml();
            case PROTOBUF -> protoFrame();
            case JSON -> json();
        };
    }

    /** The canonical XML (what TAK clients on XML read and the history store keeps). */
    public byte[] xml() {
        byte[] b = xml;
        if (b == null) {
            // A benign race: two threads may both encode; both results are equal and one wins.
            b = CotXmlWriter.toBytes(event);
            xml = b;
        }
        return b;
    }

    /** The TAK protocol message without stream framing (what federation envelopes carry). */
    public byte[] takMessage() {
        byte[] b = takMessage;
        if (b == null) {
            b = protoCodec.encode(event);
            takMessage = b;
        }
        return b;
    }

    private byte[] protoFrame() {
        byte[] b = protoFrame;
        if (b == null) {
            b = TakStreamFramer.frame(takMessage());
            protoFrame = b;
        }
        return b;
    }

    private byte[] json() {
        byte[] b = json;
        if (b == null) {
            String sender = event.type().isGeoChat() ? origin.publisherName() : null;
            b = EventJson.liveMessage(event, marking == null ? null : marking.json(), sender);
            json = b;
        }
        return b;
    }

    @Override
    public String toString() {
        return event.type() + " " + event.uid() + " from " + origin;
    }
}
