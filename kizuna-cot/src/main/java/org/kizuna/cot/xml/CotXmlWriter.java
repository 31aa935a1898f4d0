package org.kizuna.cot.xml;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.DetailElement;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.ChatGroup;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.detail.Marti;
import org.kizuna.cot.detail.MartiDest;
import org.kizuna.cot.detail.Remarks;

/**
 * Writes events as XML, without a declaration: typed detail elements first, in
 * {@link DetailElement} order (attributes in their stored order), then the unknown ones verbatim.
 * Times are UTC with three fractional digits; numbers are plain decimals that parse back to the
 * same double.
 *
 * <p>A hand-rolled writer: a StAX writer costs several times as much per event and we encode every
 * event once per wire format. Values are checked as they are escaped; a value XML cannot carry (a
 * control character, a lone surrogate) or an attribute name that would not read back is an
 * {@link IllegalArgumentException} — the decoders never produce one.
 */
public final class CotXmlWriter {

    private static final DetailElement[] TYPED = DetailElement.values();

    private CotXmlWriter() {
    }

    public static byte[] toBytes(CotEvent event) {
        return toXml(event).getBytes(StandardCharsets.UTF_8);
    }

    public static String toXml(CotEvent event) {
        StringBuilder out = new StringBuilder(512);
        out.append("<event version=\"2.0\"");
        attribute(out, "uid", event.uid());
        attribute(out, "type", event.type().value());
        attribute(out, "how", event.how());
        times(out, event);
        optional(out, "access", event.access());
        optional(out, "qos", event.qos());
        optional(out, "opex", event.opex());
        optional(out, "caveat", event.caveat());
        optional(out, "releasableTo", event.releasableTo());
        out.append('>');
        point(out, event.point());
        Detail detail = event.detail();
        int mark = out.length();
        out.append("<detail>");
        int contentStart = out.length();
        content(out, detail);
        if (out.length() == contentStart) {
            out.setLength(mark);
            out.append("<detail/>");
        } else {
            out.append("</detail>");
        }
        return out.append("</event>").toString();
    }

    /** What {@link #toXml} writes first after the start tag; '<' inside attribute values is escaped. */
    private static final byte[] POINT_START = "<point lat=\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] POINT_END = "\"/>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRECISION_START =
            ("<" + DetailElement.PRECISION_LOCATION.elementName()).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ELEMENT_END = "/>".getBytes(StandardCharsets.US_ASCII);

    /**
     * The bytes {@link #toBytes} writes for an event whose bytes are {@code xml}, moved to
     * {@code point}: the one {@code <point/>} element replaced, everything else shared as written.
     * A coarsened copy of an event differs from it in its point alone (when it has no shape
     * vertices or precision detail), so its encoding costs a copy, not a second encoding.
     *
     * @throws IllegalArgumentException when {@code xml} is not what {@link #toBytes} writes
     */
    public static byte[] withPoint(byte[] xml, Point point) {
        return withPoint(xml, point, false);
    }

    /**
     * As {@link #withPoint(byte[], Point)}, and when {@code withoutPrecisionLocation} also without
     * the typed {@code <precisionlocation/>} element the event has (the coarsened copy of a TAK
     * client's report: how exact its position was goes with the exact position). That element is
     * written after the point with attributes only, and no attribute value can hold {@code <} or
     * {@code >}, so its bytes are the first {@code <precisionlocation} to the next {@code />}.
     */
    public static byte[] withPoint(byte[] xml, Point point, boolean withoutPrecisionLocation) {
        int start = indexOf(xml, POINT_START, 0);
        int end = start < 0 ? -1 : indexOf(xml, POINT_END, start + POINT_START.length);
        if (end < 0) {
            throw new IllegalArgumentException("no <point/> element where CotXmlWriter writes it");
        }
        end += POINT_END.length;
        int cutStart = xml.length;
        int cutEnd = xml.length;
        if (withoutPrecisionLocation) {
            cutStart = indexOf(xml, PRECISION_START, end);
            cutEnd = cutStart < 0 ? -1 : indexOf(xml, ELEMENT_END, cutStart);
            if (cutEnd < 0) {
                throw new IllegalArgumentException("no typed <precisionlocation/> where CotXmlWriter writes it");
            }
            cutEnd += ELEMENT_END.length;
        }
        StringBuilder p = new StringBuilder(96);
        point(p, point);
        byte[] replacement = p.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[xml.length - (end - start) + replacement.length - (cutEnd - cutStart)];
        System.arraycopy(xml, 0, out, 0, start);
        System.arraycopy(replacement, 0, out, start, replacement.length);
        int at = start + replacement.length;
        System.arraycopy(xml, end, out, at, cutStart - end);
        at += cutStart - end;
        System.arraycopy(xml, cutEnd, out, at, xml.length - cutEnd);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The inner XML of {@code <detail>}: typed elements, then the unknown ones verbatim. */
    public static String detailContent(Detail detail) {
        StringBuilder out = new StringBuilder(256);
        content(out, detail);
        return out.toString();
    }

    private static void times(StringBuilder out, CotEvent event) {
        out.append(" time=\"");
        CotTimeFormat.append(out, event.time());
        out.append("\" start=\"");
        CotTimeFormat.append(out, event.start());
        out.append("\" stale=\"");
        CotTimeFormat.append(out, event.stale());
        out.append('"');
    }

    private static void point(StringBuilder out, Point p) {
        out.append("<point lat=\"");
        number(out, p.lat());
        out.append("\" lon=\"");
        number(out, p.lon());
        out.append("\" hae=\"");
        number(out, p.hae());
        out.append("\" ce=\"");
        number(out, p.ce());
        out.append("\" le=\"");
        number(out, p.le());
        out.append("\"/>");
    }

    /** Shortest round-trip digits, in plain notation (TAK clients do not all read exponents). */
    static void number(StringBuilder out, double d) {
        String s = Double.toString(d);
        if (s.indexOf('E') < 0) {
            out.append(s);
        } else {
            out.append(new BigDecimal(s).toPlainString());
        }
    }

    private static void content(StringBuilder out, Detail d) {
        for (DetailElement e : TYPED) {
            if (e.isPresentIn(d)) {
                typed(out, e, d);
            }
        }
        for (String fragment : d.unknown()) {
            out.append(fragment);
        }
    }

    /**
     * One typed element {@code d} holds. An exhaustive switch: an element added to the registry
     * does not compile until it has an XML form here.
     */
    private static StringBuilder typed(StringBuilder out, DetailElement e, Detail d) {
        String name = e.elementName();
        return switch (e) {
            case CONTACT -> element(out, name, d.contact().attributes());
            case GROUP -> element(out, name, d.group().attributes());
            case TAKV -> element(out, name, d.takv().attributes());
            case TRACK -> element(out, name, d.track().attributes());
            case STATUS -> element(out, name, d.status().attributes());
            case PRECISION_LOCATION -> element(out, name, d.precisionLocation().attributes());
            case DROID -> element(out, name, d.droid().attributes());
            case REMARKS -> remarks(out, name, d.remarks());
            case LINK -> links(out, name, d.links());
            case CHAT -> chat(out, name, d.chat());
            case MARTI -> marti(out, name, d.marti());
            case FLOW_TAGS -> element(out, name, d.flowTags().attributes());
        };
    }

    private static StringBuilder links(StringBuilder out, String name, List<Link> links) {
        for (Link link : links) {
            element(out, name, link.attributes());
        }
        return out;
    }

    private static StringBuilder remarks(StringBuilder out, String name, Remarks remarks) {
        startTag(out, name, remarks.attributes());
        if (remarks.text().isEmpty()) {
            return out.append("/>");
        }
        out.append('>');
        text(out, remarks.text());
        return out.append("</").append(name).append('>');
    }

    private static StringBuilder chat(StringBuilder out, String name, Chat chat) {
        ChatGroup group = chat.chatGroup();
        startTag(out, name, chat.attributes());
        if (group == null) {
            return out.append("/>");
        }
        out.append('>');
        element(out, ChatGroup.ELEMENT, group.attributes());
        return out.append("</").append(name).append('>');
    }

    private static StringBuilder marti(StringBuilder out, String name, Marti marti) {
        List<MartiDest> destinations = marti.destinations();
        startTag(out, name, marti.attributes());
        if (destinations.isEmpty()) {
            return out.append("/>");
        }
        out.append('>');
        for (MartiDest dest : destinations) {
            element(out, MartiDest.ELEMENT, dest.attributes());
        }
        return out.append("</").append(name).append('>');
    }

    private static StringBuilder element(StringBuilder out, String name, Attributes attributes) {
        startTag(out, name, attributes);
        return out.append("/>");
    }

    private static void startTag(StringBuilder out, String name, Attributes attributes) {
        out.append('<').append(name);
        attributes.forEach((key, value) -> {
            if (!XmlChars.isAttributeName(key)) {
                throw new IllegalArgumentException("<" + name + "> attribute name cannot be written as XML: '"
                        + XmlChars.excerpt(key) + "'");
            }
            attribute(out, key, value);
        });
    }

    private static void optional(StringBuilder out, String name, String value) {
        if (!value.isEmpty()) {
            attribute(out, name, value);
        }
    }

    private static void attribute(StringBuilder out, String name, String value) {
        out.append(' ').append(name).append("=\"");
        escape(out, value, true);
        out.append('"');
    }

    private static void text(StringBuilder out, String value) {
        escape(out, value, false);
    }

    /**
     * Appends {@code value} escaped. In attributes, tab and line breaks become character references
     * because a parser would turn them into spaces; in text only CR needs one (parsers turn it into
     * LF). '>' is always escaped so that "]]>" cannot appear.
     */
    private static void escape(StringBuilder out, String value, boolean inAttribute) {
        int n = value.length();
        int clean = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            String replacement;
            switch (c) {
                case '&' -> replacement = "&amp;";
                case '<' -> replacement = "&lt;";
                case '>' -> replacement = "&gt;";
                case '"' -> replacement = inAttribute ? "&quot;" : null;
                case '\t' -> replacement = inAttribute ? "&#9;" : null;
                case '\n' -> replacement = inAttribute ? "&#10;" : null;
                case '\r' -> replacement = "&#13;";
                default -> {
                    if (c < 0x20 || c >= 0xD800) {
                        checkLegal(value, i);
                    }
                    replacement = null;
                }
            }
            if (replacement != null) {
                out.append(value, clean, i).append(replacement);
                clean = i + 1;
            }
        }
        out.append(value, clean, n);
    }

    private static void checkLegal(String value, int i) {
        char c = value.charAt(i);
        boolean legal = c >= 0xE000 && c <= 0xFFFD
                || Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
        if (!legal) {
            throw new IllegalArgumentException(String.format(
                    "character U+%04X cannot be written as XML (in '%s')", (int) c, XmlChars.excerpt(value)));
        }
    }
}
