package org.kizuna.cot.xml;

import java.time.Instant;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotDecodeException.InvalidEventException;
import org.kizuna.cot.CotDecodeException.MalformedXmlException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.CotType;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;

/**
 * Reads one {@code <event>} document (or a bare {@code <detail>} one) from a cursor into the model.
 * One instance per document.
 */
final class EventParser {

    private final XmlCursor cursor;
    private final CotLimits limits;

    private String uid;
    private String type;
    private String how = "";
    private String time;
    private String start;
    private String stale;
    private String access = "";
    private String qos = "";
    private String opex = "";
    private String caveat = "";
    private String releasableTo = "";

    EventParser(XmlCursor cursor, CotLimits limits) {
        this.cursor = cursor;
        this.limits = limits;
    }

    CotEvent parseEvent() throws XMLStreamException, CotDecodeException {
        toRoot("event");
        readEventAttributes();
        Point point = null;
        Detail detail = null;
        for (int ev = cursor.next(); ev != XMLStreamConstants.END_ELEMENT; ev = cursor.next()) {
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = cursor.isUnprefixed() ? cursor.localName() : "";
            if (name.equals("point")) {
                point = readPoint(point);
            } else if (name.equals("detail")) {
                if (detail != null) {
                    throw new MalformedXmlException("<event> has more than one <detail>");
                }
                detail = new DetailParser(cursor, limits.maxDetailElements()).parse();
            } else {
                // Other children of <event> have no place in the model and no meaning to clients.
                cursor.skipElement(cursor.depth());
            }
        }
        cursor.finishDocument();
        if (point == null) {
            throw invalid("<event> has no <point>", null);
        }
        return build(point, detail == null ? Detail.EMPTY : detail);
    }

    /** Reads a document whose root is {@code <detail>}: the wrapped protobuf {@code xmlDetail}. */
    Detail parseDetailDocument() throws XMLStreamException, MalformedXmlException {
        toRoot("detail");
        Detail detail = new DetailParser(cursor, limits.maxDetailElements()).parse();
        cursor.finishDocument();
        return detail;
    }

    private void toRoot(String expected) throws XMLStreamException, MalformedXmlException {
        while (cursor.next() != XMLStreamConstants.START_ELEMENT) {
            // the prolog: declaration, comments, PIs, space; the cursor refuses a DOCTYPE
        }
        if (!cursor.isUnprefixed() || !cursor.localName().equals(expected)) {
            throw new MalformedXmlException("root element is <" + XmlChars.excerpt(cursor.localName())
                    + ">, expected <" + expected + ">");
        }
    }

    private void readEventAttributes() {
        for (int i = 0, n = cursor.attributeCount(); i < n; i++) {
            String name = cursor.unprefixedAttributeName(i);
            if (name == null) {
                continue;
            }
            String value = cursor.attributeValue(i);
            switch (name) {
                case "uid" -> uid = value;
                case "type" -> type = value;
                case "how" -> how = value;
                case "time" -> time = value;
                case "start" -> start = value;
                case "stale" -> stale = value;
                case "access" -> access = value;
                case "qos" -> qos = value;
                case "opex" -> opex = value;
                case "caveat" -> caveat = value;
                case "releasableTo" -> releasableTo = value;
                default -> {
                    // version and vendor additions: nothing to keep
                }
            }
        }
    }

    private Point readPoint(Point previous) throws XMLStreamException, CotDecodeException {
        if (previous != null) {
            throw new MalformedXmlException("<event> has more than one <point>");
        }
        String lat = null;
        String lon = null;
        String hae = null;
        String ce = null;
        String le = null;
        for (int i = 0, n = cursor.attributeCount(); i < n; i++) {
            String name = cursor.unprefixedAttributeName(i);
            if (name != null) {
                switch (name) {
                    case "lat" -> lat = cursor.attributeValue(i);
                    case "lon" -> lon = cursor.attributeValue(i);
                    case "hae" -> hae = cursor.attributeValue(i);
                    case "ce" -> ce = cursor.attributeValue(i);
                    case "le" -> le = cursor.attributeValue(i);
                    default -> {
                        // nothing else belongs on a point
                    }
                }
            }
        }
        cursor.skipElement(cursor.depth());
        try {
            return new Point(number("lat", lat, Double.NaN), number("lon", lon, Double.NaN),
                    number("hae", hae, Point.UNKNOWN), number("ce", ce, Point.UNKNOWN), number("le", le, Point.UNKNOWN));
        } catch (IllegalArgumentException e) {
            throw invalid("bad <point>: " + e.getMessage(), e);
        }
    }

    /** A point attribute; absent height and errors are CoT's "unknown", absent lat/lon an error. */
    private static double number(String name, String value, double absent) throws InvalidEventException {
        if (value == null) {
            if (Double.isNaN(absent)) {
                throw invalid("<point> has no '" + name + "' attribute", null);
            }
            return absent;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid("<point> attribute '" + name + "' is not a number: '" + XmlChars.excerpt(value) + "'", e);
        }
    }

    private CotEvent build(Point point, Detail detail) throws InvalidEventException {
        CotType cotType;
        try {
            cotType = CotType.of(required("type", type));
        } catch (IllegalArgumentException e) {
            throw invalid("bad 'type' '" + XmlChars.excerpt(type) + "': 1.." + CotType.MAX_LENGTH
                    + " characters without spaces, quotes, '<', '>' or '&'", e);
        }
        Instant t = instant("time", time);
        Instant st = instant("start", start);
        Instant sl = instant("stale", stale);
        try {
            return new CotEvent(required("uid", uid), cotType, how, t, st, sl, point, access, qos, opex, caveat,
                    releasableTo, detail);
        } catch (IllegalArgumentException e) {
            throw invalid("invalid event: " + e.getMessage(), e);
        }
    }

    private static Instant instant(String name, String value) throws InvalidEventException {
        try {
            return CotTimeFormat.parse(required(name, value));
        } catch (IllegalArgumentException e) {
            throw invalid("bad '" + name + "': " + e.getMessage(), e);
        }
    }

    private static String required(String name, String value) throws InvalidEventException {
        if (value == null) {
            throw invalid("<event> has no '" + name + "' attribute", null);
        }
        return value;
    }

    private static InvalidEventException invalid(String message, Throwable cause) {
        return new InvalidEventException(message, cause);
    }
}
