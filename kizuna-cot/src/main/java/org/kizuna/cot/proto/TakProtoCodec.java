package org.kizuna.cot.proto;

import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotDecodeException.BadProtobufException;
import org.kizuna.cot.CotDecodeException.FrameTooLongException;
import org.kizuna.cot.CotDecodeException.InvalidEventException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.CotType;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.proto.wire.TakProtocol;
import org.kizuna.cot.proto.wire.TakProtocol.TakMessage;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.cot.xml.XmlChars;

/**
 * TAK protocol v1 {@code TakMessage} bytes (no framing) to and from the model. Thread-safe.
 *
 * <p>Times are milliseconds since the epoch; {@code hae} is kept as sent; an absent string is "".
 * Detail elements with a typed message travel typed when it holds all of them, the rest as XML in
 * {@code xmlDetail} (see {@link TakDetailConverter}). Every string is checked to be XML-safe, so an
 * event decoded here can always be written as XML.
 */
public final class TakProtoCodec {

    /** 9999-12-31T23:59:59.999Z, the same upper bound as the XML reader's four-digit years. */
    private static final long MAX_MILLIS = 253_402_300_799_999L;

    private final CotLimits limits;
    private final TakDetailConverter details;

    public TakProtoCodec(CotLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.details = new TakDetailConverter(new CotXmlReader(limits));
    }

    public CotEvent decode(byte[] message) throws CotDecodeException {
        return decode(message, 0, message.length, null);
    }

    /** Decodes one message from a sender whose previous {@code xmlDetail} {@code memo} remembers. */
    public CotEvent decode(byte[] message, DetailMemo memo) throws CotDecodeException {
        return decode(message, 0, message.length, memo);
    }

    public CotEvent decode(byte[] buf, int off, int len) throws CotDecodeException {
        return decode(buf, off, len, null);
    }

    private CotEvent decode(byte[] buf, int off, int len, DetailMemo memo) throws CotDecodeException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len > limits.maxFrameBytes()) {
            throw new FrameTooLongException("TAK message of " + len + " bytes exceeds the limit of "
                    + limits.maxFrameBytes());
        }
        WireEvent event;
        try {
            event = TakWireReader.read(buf, off, len);
        } catch (IOException e) {
            throw new BadProtobufException("not a TakMessage: " + e.getMessage(), e);
        }
        if (event == null) {
            throw new BadProtobufException("TakMessage has no cotEvent");
        }
        return toModel(event, memo);
    }

    public byte[] encode(CotEvent event) {
        return toProto(event).toByteArray();
    }

    public TakMessage toProto(CotEvent event) {
        Point p = event.point();
        TakProtocol.CotEvent.Builder e = TakProtocol.CotEvent.newBuilder()
                .setType(event.type().value())
                .setAccess(event.access())
                .setQos(event.qos())
                .setOpex(event.opex())
                .setUid(event.uid())
                .setSendTime(event.time().toEpochMilli())
                .setStartTime(event.start().toEpochMilli())
                .setStaleTime(event.stale().toEpochMilli())
                .setHow(event.how())
                .setLat(p.lat())
                .setLon(p.lon())
                .setHae(p.hae())
                .setCe(p.ce())
                .setLe(p.le())
                .setCaveat(event.caveat())
                .setReleaseableTo(event.releasableTo());
        TakProtocol.Detail detail = details.toProto(event.detail());
        if (detail != null) {
            e.setDetail(detail);
        }
        return TakMessage.newBuilder().setCotEvent(e).build();
    }

    /** The model of a generated message (the decoder reads bytes without building one). */
    public CotEvent fromProto(TakMessage message) throws CotDecodeException {
        if (!message.hasCotEvent()) {
            throw new BadProtobufException("TakMessage has no cotEvent");
        }
        return toModel(WireEvent.of(message.getCotEvent()), null);
    }

    private CotEvent toModel(WireEvent e, DetailMemo memo) throws CotDecodeException {
        Detail detail = Detail.EMPTY;
        if (e.detail() != null) {
            detail = details.fromProto(e.detail(), memo);
            checkTypedDetailStrings(e.detail());
        }
        try {
            return new CotEvent(
                    xmlSafe("uid", e.uid()),
                    CotType.of(xmlSafe("type", e.type())),
                    xmlSafe("how", e.how()),
                    instant("sendTime", e.sendTime()),
                    instant("startTime", e.startTime()),
                    instant("staleTime", e.staleTime()),
                    new Point(e.lat(), e.lon(), e.hae(), e.ce(), e.le()),
                    xmlSafe("access", e.access()),
                    xmlSafe("qos", e.qos()),
                    xmlSafe("opex", e.opex()),
                    xmlSafe("caveat", e.caveat()),
                    xmlSafe("releaseableTo", e.releaseableTo()),
                    detail);
        } catch (IllegalArgumentException ex) {
            throw new InvalidEventException("invalid event: " + ex.getMessage(), ex);
        }
    }

    private static void checkTypedDetailStrings(WireDetail d) throws InvalidEventException {
        try {
            WireDetail.Contact contact = d.contact() == null ? WireDetail.Contact.EMPTY : d.contact();
            xmlSafe("contact.endpoint", contact.endpoint());
            xmlSafe("contact.callsign", contact.callsign());
            WireDetail.Group group = d.group() == null ? WireDetail.Group.EMPTY : d.group();
            xmlSafe("group.name", group.name());
            xmlSafe("group.role", group.role());
            WireDetail.PrecisionLocation pl = d.precisionLocation() == null
                    ? WireDetail.PrecisionLocation.EMPTY : d.precisionLocation();
            xmlSafe("precisionLocation.geopointsrc", pl.geopointsrc());
            xmlSafe("precisionLocation.altsrc", pl.altsrc());
            WireDetail.Takv takv = d.takv() == null ? WireDetail.Takv.EMPTY : d.takv();
            xmlSafe("takv.device", takv.device());
            xmlSafe("takv.platform", takv.platform());
            xmlSafe("takv.os", takv.os());
            xmlSafe("takv.version", takv.version());
        } catch (IllegalArgumentException ex) {
            throw new InvalidEventException("invalid detail: " + ex.getMessage(), ex);
        }
    }

    /** {@code value}, when XML can carry it; XML clients must be able to receive every event. */
    private static String xmlSafe(String field, String value) {
        int bad = XmlChars.indexOfIllegal(value);
        if (bad >= 0) {
            throw new IllegalArgumentException(String.format("%s contains U+%04X, which XML cannot carry",
                    field, (int) value.charAt(bad)));
        }
        return value;
    }

    /** Milliseconds as an Instant; uint64 values past 2^63 arrive negative and are refused too. */
    private static Instant instant(String field, long millis) {
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new IllegalArgumentException(field + " " + Long.toUnsignedString(millis)
                    + " ms is outside 1970..9999");
        }
        return Instant.ofEpochMilli(millis);
    }
}
