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
    /** What the release decision is about: the event itself, or for a notice the item it concerns. */
    private final CotEvent decidedOn;
    private final String coalesceKey;
    private final TakProtoCodec protoCodec;
    private final LabelKey label;
    private final LabelMarking marking;
    private final Origin origin;
    /** The routed event this copy differs from in its point alone (a coarsened copy); null otherwise. */
    private final RoutedEvent movedFrom;
    /** With {@code movedFrom}: the copy also lacks the typed precision element its original has. */
    private final boolean precisionDropped;
    private Map<Obligations, RoutedEvent> variants;
    private volatile Shaped lastShaped;
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
        this(event, event, coalesceKey, protoCodec, label, marking, origin, null, false);
    }

    private RoutedEvent(CotEvent event, CotEvent decidedOn, String coalesceKey, TakProtoCodec protoCodec, LabelKey label,
                        LabelMarking marking, Origin origin, RoutedEvent movedFrom, boolean precisionDropped) {
        this.movedFrom = movedFrom;
        this.precisionDropped = precisionDropped;
        this.event = Objects.requireNonNull(event, "event");
        this.decidedOn = Objects.requireNonNull(decidedOn, "decidedOn");
        this.coalesceKey = coalesceKey;
        this.protoCodec = Objects.requireNonNull(protoCodec, "protoCodec");
        this.label = label;
        this.marking = marking;
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * A notice about this item ({@code other}: its disconnect notice), under its label and origin,
     * decided on as this item is: every edge releases the notice exactly where the item was
     * released, whatever the rules say of the notice's own type or point.
     */
    public RoutedEvent about(CotEvent other, String otherCoalesceKey) {
        return new RoutedEvent(other, decidedOn, otherCoalesceKey, protoCodec, label, marking, origin, null, false);
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
        // A fan-out asks with the same rule's obligations for recipient after recipient: compare
        // that instance first, before hashing the obligations' strip set.
        Shaped recent = lastShaped;
        if (recent != null && recent.by() == obligations) {
            return recent.copy();
        }
        Obligations key = obligations.variant();
        RoutedEvent copy;
        synchronized (this) {
            if (variants == null) {
                variants = new HashMap<>(4);
            }
            copy = variants.computeIfAbsent(key, k -> shaped(shape.apply(event), k));
        }
        lastShaped = new Shaped(obligations, copy);
        return copy;
    }

    /**
     * A copy that differs from this event in its point alone, or in its point and a dropped
     * precision element (what coarsening does to a TAK client's report), is encoded from this
     * event's bytes; checked by comparing the copy with this event so moved, never assumed.
     */
    private RoutedEvent shaped(CotEvent copy, Obligations by) {
        boolean moved = false;
        boolean precisionDropped = false;
        if (!copy.point().equals(event.point())) {
            CotEvent.Builder expected = event.toBuilder().point(copy.point());
            precisionDropped = event.detail().precisionLocation() != null && copy.detail().precisionLocation() == null;
            if (precisionDropped) {
                expected.detail(event.detail().toBuilder().precisionLocation(null).build());
            }
            moved = expected.build().equals(copy);
        }
        return new RoutedEvent(copy, decidedOn, coalesceKey, protoCodec, label, marking,
                by.dropIdentity() ? origin.anonymised() : origin, moved ? this : null, precisionDropped);
    }

    /** The variant last asked for, by the very obligations instance it was asked with. */
    private record Shaped(Obligations by, RoutedEvent copy) {
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
            // A benign race: two threads may both encode; both results are equal and one wins. A
            // copy moved to a coarser point shares every byte of its original's encoding but the point.
            b = movedFrom == null ? CotXmlWriter.toBytes(event)
                    : CotXmlWriter.withPoint(movedFrom.xml(), event.point(), precisionDropped);
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
