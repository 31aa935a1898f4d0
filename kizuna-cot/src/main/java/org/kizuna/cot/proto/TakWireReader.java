package org.kizuna.cot.proto;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Reads a {@code TakMessage} straight into {@link WireEvent}, without the generated builders
 * (nested builders were about a third of protobuf decoding time). It follows the protobuf rules
 * the generated parser follows, so both accept and refuse the same bytes: a later scalar replaces
 * an earlier one, a repeated sub-message merges into the earlier one, unknown fields and known
 * numbers with another wire type are skipped, strings must be valid UTF-8, {@code takControl} is
 * checked although nothing of it is kept. A property test holds it to the generated parser.
 */
final class TakWireReader {

    private static final int VARINT = WireFormat.WIRETYPE_VARINT;
    private static final int FIXED64 = WireFormat.WIRETYPE_FIXED64;
    private static final int LENGTH = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    // TakMessage
    private static final int TAK_CONTROL = 1 << 3 | LENGTH;
    private static final int COT_EVENT = 2 << 3 | LENGTH;
    // TakControl
    private static final int MIN_VERSION = 1 << 3 | VARINT;
    private static final int MAX_VERSION = 2 << 3 | VARINT;
    private static final int CONTACT_UID = 3 << 3 | LENGTH;
    // CotEvent
    private static final int TYPE = 1 << 3 | LENGTH;
    private static final int ACCESS = 2 << 3 | LENGTH;
    private static final int QOS = 3 << 3 | LENGTH;
    private static final int OPEX = 4 << 3 | LENGTH;
    private static final int UID = 5 << 3 | LENGTH;
    private static final int SEND_TIME = 6 << 3 | VARINT;
    private static final int START_TIME = 7 << 3 | VARINT;
    private static final int STALE_TIME = 8 << 3 | VARINT;
    private static final int HOW = 9 << 3 | LENGTH;
    private static final int LAT = 10 << 3 | FIXED64;
    private static final int LON = 11 << 3 | FIXED64;
    private static final int HAE = 12 << 3 | FIXED64;
    private static final int CE = 13 << 3 | FIXED64;
    private static final int LE = 14 << 3 | FIXED64;
    private static final int DETAIL = 15 << 3 | LENGTH;
    private static final int CAVEAT = 16 << 3 | LENGTH;
    private static final int RELEASEABLE_TO = 17 << 3 | LENGTH;
    // Detail
    private static final int XML_DETAIL = 1 << 3 | LENGTH;
    private static final int CONTACT = 2 << 3 | LENGTH;
    private static final int GROUP = 3 << 3 | LENGTH;
    private static final int PRECISION_LOCATION = 4 << 3 | LENGTH;
    private static final int STATUS = 5 << 3 | LENGTH;
    private static final int TAKV = 6 << 3 | LENGTH;
    private static final int TRACK = 7 << 3 | LENGTH;
    // the typed detail messages: two or four strings, a battery, or two doubles
    private static final int FIRST = 1 << 3 | LENGTH;
    private static final int SECOND = 2 << 3 | LENGTH;
    private static final int THIRD = 3 << 3 | LENGTH;
    private static final int FOURTH = 4 << 3 | LENGTH;
    private static final int BATTERY = 1 << 3 | VARINT;
    private static final int SPEED = 1 << 3 | FIXED64;
    private static final int COURSE = 2 << 3 | FIXED64;

    /** Reads one part of a message, starting from what earlier occurrences of it held. */
    @FunctionalInterface
    private interface Part<T> {
        T read(CodedInputStream in, T previous) throws IOException;
    }

    private TakWireReader() {
    }

    /** The {@code cotEvent} of the {@code TakMessage} in {@code buf}, or null when it has none. */
    static WireEvent read(byte[] buf, int off, int len) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(buf, off, len);
        WireEvent event = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case COT_EVENT -> event = nested(in, event == null ? WireEvent.EMPTY : event, TakWireReader::event);
                case TAK_CONTROL -> nested(in, Boolean.TRUE, TakWireReader::takControl);
                default -> skip(in, tag);
            }
        }
        return event;
    }

    private static <T> T nested(CodedInputStream in, T previous, Part<T> part) throws IOException {
        int length = in.readRawVarint32();
        int outer = in.pushLimit(length);
        T value = part.read(in, previous);
        in.checkLastTagWas(0);
        in.popLimit(outer);
        return value;
    }

    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new InvalidProtocolBufferException("end-group tag outside a group");
        }
    }

    private static Boolean takControl(CodedInputStream in, Boolean unused) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case MIN_VERSION, MAX_VERSION -> in.readUInt32();
                case CONTACT_UID -> in.readStringRequireUtf8();
                default -> skip(in, tag);
            }
        }
        return unused;
    }

    private static WireEvent event(CodedInputStream in, WireEvent p) throws IOException {
        String type = p.type();
        String access = p.access();
        String qos = p.qos();
        String opex = p.opex();
        String uid = p.uid();
        long sendTime = p.sendTime();
        long startTime = p.startTime();
        long staleTime = p.staleTime();
        String how = p.how();
        double lat = p.lat();
        double lon = p.lon();
        double hae = p.hae();
        double ce = p.ce();
        double le = p.le();
        WireDetail detail = p.detail();
        String caveat = p.caveat();
        String releaseableTo = p.releaseableTo();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case TYPE -> type = in.readStringRequireUtf8();
                case ACCESS -> access = in.readStringRequireUtf8();
                case QOS -> qos = in.readStringRequireUtf8();
                case OPEX -> opex = in.readStringRequireUtf8();
                case UID -> uid = in.readStringRequireUtf8();
                case SEND_TIME -> sendTime = in.readUInt64();
                case START_TIME -> startTime = in.readUInt64();
                case STALE_TIME -> staleTime = in.readUInt64();
                case HOW -> how = in.readStringRequireUtf8();
                case LAT -> lat = in.readDouble();
                case LON -> lon = in.readDouble();
                case HAE -> hae = in.readDouble();
                case CE -> ce = in.readDouble();
                case LE -> le = in.readDouble();
                case DETAIL -> detail = nested(in, detail == null ? WireDetail.EMPTY : detail, TakWireReader::detail);
                case CAVEAT -> caveat = in.readStringRequireUtf8();
                case RELEASEABLE_TO -> releaseableTo = in.readStringRequireUtf8();
                default -> skip(in, tag);
            }
        }
        return new WireEvent(type, access, qos, opex, uid, sendTime, startTime, staleTime, how, lat, lon, hae, ce, le,
                detail, caveat, releaseableTo);
    }

    private static WireDetail detail(CodedInputStream in, WireDetail p) throws IOException {
        String xml = p.xmlDetail();
        WireDetail.Contact contact = p.contact();
        WireDetail.Group group = p.group();
        WireDetail.PrecisionLocation location = p.precisionLocation();
        Integer battery = p.battery();
        WireDetail.Takv takv = p.takv();
        WireDetail.Track track = p.track();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case XML_DETAIL -> xml = in.readStringRequireUtf8();
                case CONTACT -> contact = nested(in, or(contact, WireDetail.Contact.EMPTY), TakWireReader::contact);
                case GROUP -> group = nested(in, or(group, WireDetail.Group.EMPTY), TakWireReader::group);
                case PRECISION_LOCATION -> location = nested(in, or(location, WireDetail.PrecisionLocation.EMPTY),
                        TakWireReader::precisionLocation);
                case STATUS -> battery = nested(in, or(battery, 0), TakWireReader::status);
                case TAKV -> takv = nested(in, or(takv, WireDetail.Takv.EMPTY), TakWireReader::takv);
                case TRACK -> track = nested(in, or(track, WireDetail.Track.EMPTY), TakWireReader::track);
                default -> skip(in, tag);
            }
        }
        return new WireDetail(xml, contact, group, location, battery, takv, track);
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }

    private static WireDetail.Contact contact(CodedInputStream in, WireDetail.Contact p) throws IOException {
        String[] s = strings(in, p.endpoint(), p.callsign());
        return new WireDetail.Contact(s[0], s[1]);
    }

    private static WireDetail.Group group(CodedInputStream in, WireDetail.Group p) throws IOException {
        String[] s = strings(in, p.name(), p.role());
        return new WireDetail.Group(s[0], s[1]);
    }

    private static WireDetail.PrecisionLocation precisionLocation(CodedInputStream in, WireDetail.PrecisionLocation p)
            throws IOException {
        String[] s = strings(in, p.geopointsrc(), p.altsrc());
        return new WireDetail.PrecisionLocation(s[0], s[1]);
    }

    private static WireDetail.Takv takv(CodedInputStream in, WireDetail.Takv p) throws IOException {
        String[] s = strings(in, p.device(), p.platform(), p.os(), p.version());
        return new WireDetail.Takv(s[0], s[1], s[2], s[3]);
    }

    /** A message of only string fields 1..n, starting from {@code previous}. */
    private static String[] strings(CodedInputStream in, String... previous) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = stringField(tag, previous.length);
            if (field < 0) {
                skip(in, tag);
            } else {
                previous[field] = in.readStringRequireUtf8();
            }
        }
        return previous;
    }

    private static int stringField(int tag, int fields) {
        int index = switch (tag) {
            case FIRST -> 0;
            case SECOND -> 1;
            case THIRD -> 2;
            case FOURTH -> 3;
            default -> -1;
        };
        return index < fields ? index : -1;
    }

    private static Integer status(CodedInputStream in, Integer p) throws IOException {
        int battery = p;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == BATTERY) {
                battery = in.readUInt32();
            } else {
                skip(in, tag);
            }
        }
        return battery;
    }

    private static WireDetail.Track track(CodedInputStream in, WireDetail.Track p) throws IOException {
        double speed = p.speed();
        double course = p.course();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case SPEED -> speed = in.readDouble();
                case COURSE -> course = in.readDouble();
                default -> skip(in, tag);
            }
        }
        return new WireDetail.Track(speed, course);
    }
}
