package org.kizuna.server.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.kizuna.cot.CotEvent;
import org.kizuna.policy.release.LabelKey;
import org.kizuna.policy.release.Obligations;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.proto.TakStreamFramer;
import org.kizuna.cot.xml.CotXmlWriter;
import org.kizuna.server.json.EventJson;
import org.kizuna.server.session.WireFormat;

/**
 * One event as it leaves the server, encoded at most once per wire format and shared by every
 * recipient (encode once, fan out many). The byte arrays are never modified after creation, so
 * many channels may wrap them at the same time.
 *
 * <p>{@code coalesceKey} is the uid for position-like updates that a newer update for the same uid
 * may replace in a slow client's queue; it is {@code null} for traffic that must never be dropped
 * or replaced (chat, deletes, control answers).
 *
 * <p>{@code label} is the event's label (null when labels are off). A release with obligations
 * gets a {@link #variant}: the shaped event, made and encoded once per obligation variant and
 * shared by every recipient of that variant.
 */
public final class Delivery {

    private final CotEvent event;
    private final String coalesceKey;
    private final TakProtoCodec protoCodec;
    private final LabelKey label;
    private final LabelMarking marking;
    private Map<Obligations, Delivery> variants;
    private volatile byte[] xml;
    private volatile byte[] protoFrame;
    private volatile byte[] json;

    public Delivery(CotEvent event, String coalesceKey, TakProtoCodec protoCodec) {
        this(event, coalesceKey, protoCodec, null);
    }

    public Delivery(CotEvent event, String coalesceKey, TakProtoCodec protoCodec, LabelKey label) {
        this(event, coalesceKey, protoCodec, label, null);
    }

    /** {@code marking}: how the label reads for people (the web client shows it); null without labels. */
    public Delivery(CotEvent event, String coalesceKey, TakProtoCodec protoCodec, LabelKey label, LabelMarking marking) {
        this.event = Objects.requireNonNull(event, "event");
        this.coalesceKey = coalesceKey;
        this.protoCodec = Objects.requireNonNull(protoCodec, "protoCodec");
        this.label = label;
        this.marking = marking;
    }

    public LabelKey label() {
        return label;
    }

    /** The label's markings; null without labels. */
    public LabelMarking marking() {
        return marking;
    }

    /**
     * This event shaped by {@code obligations}: {@code this} when they do not change the event,
     * else one shared delivery per variant, made by {@code shape} on first use.
     */
    public Delivery variant(Obligations obligations, UnaryOperator<CotEvent> shape) {
        if (!obligations.altersEvent()) {
            return this;
        }
        Obligations key = obligations.variant();
        synchronized (this) {
            if (variants == null) {
                variants = new HashMap<>(4);
            }
            return variants.computeIfAbsent(key, k -> new Delivery(shape.apply(event), coalesceKey, protoCodec, label, marking));
        }
    }

    public CotEvent event() {
        return event;
    }

    public String coalesceKey() {
        return coalesceKey;
    }

    /** The bytes for {@code format}; the first caller encodes, later callers share the result. */
    public byte[] bytes(WireFormat format) {
        return switch (format) {
            case XML -> xml();
            case PROTOBUF -> protoFrame();
            case JSON -> json();
        };
    }

    private byte[] json() {
        byte[] b = json;
        if (b == null) {
            b = EventJson.liveMessage(event, marking == null ? null : marking.json());
            json = b;
        }
        return b;
    }

    private byte[] xml() {
        byte[] b = xml;
        if (b == null) {
            // A benign race: two threads may both encode; both results are equal and one wins.
            b = CotXmlWriter.toBytes(event);
            xml = b;
        }
        return b;
    }

    private byte[] protoFrame() {
        byte[] b = protoFrame;
        if (b == null) {
            b = TakStreamFramer.frame(protoCodec.encode(event));
            protoFrame = b;
        }
        return b;
    }
}
