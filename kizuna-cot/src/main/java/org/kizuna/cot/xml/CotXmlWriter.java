package org.kizuna.cot.xml;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.ChatGroup;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.detail.DroidUid;
import org.kizuna.cot.detail.FlowTags;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.detail.Marti;
import org.kizuna.cot.detail.MartiDest;
import org.kizuna.cot.detail.PrecisionLocation;
import org.kizuna.cot.detail.Remarks;
import org.kizuna.cot.detail.Status;
import org.kizuna.cot.detail.Takv;
import org.kizuna.cot.detail.TeamGroup;
import org.kizuna.cot.detail.Track;

/**
 * Writes events as XML, without a declaration: typed detail elements first (attributes in their
 * stored order), then the unknown ones verbatim. Times are UTC with three fractional digits;
 * numbers are plain decimals that parse back to the same double.
 *
 * <p>A hand-rolled writer: a StAX writer costs several times as much per event and we encode every
 * event once per wire format. Values are checked as they are escaped; a value XML cannot carry (a
 * control character, a lone surrogate) or an attribute name that would not read back is an
 * {@link IllegalArgumentException} — the decoders never produce one.
 */
public final class CotXmlWriter {

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
        if (d.contact() != null) {
            element(out, Contact.ELEMENT, d.contact().attributes());
        }
        if (d.group() != null) {
            element(out, TeamGroup.ELEMENT, d.group().attributes());
        }
        if (d.takv() != null) {
            element(out, Takv.ELEMENT, d.takv().attributes());
        }
        if (d.track() != null) {
            element(out, Track.ELEMENT, d.track().attributes());
        }
        if (d.status() != null) {
            element(out, Status.ELEMENT, d.status().attributes());
        }
        if (d.precisionLocation() != null) {
            element(out, PrecisionLocation.ELEMENT, d.precisionLocation().attributes());
        }
        if (d.droid() != null) {
            element(out, DroidUid.ELEMENT, d.droid().attributes());
        }
        if (d.remarks() != null) {
            remarks(out, d.remarks());
        }
        for (Link link : d.links()) {
            element(out, Link.ELEMENT, link.attributes());
        }
        if (d.chat() != null) {
            chat(out, d.chat());
        }
        if (d.marti() != null) {
            marti(out, d.marti());
        }
        if (d.flowTags() != null) {
            element(out, FlowTags.ELEMENT, d.flowTags().attributes());
        }
        for (String fragment : d.unknown()) {
            out.append(fragment);
        }
    }

    private static void remarks(StringBuilder out, Remarks remarks) {
        startTag(out, Remarks.ELEMENT, remarks.attributes());
        if (remarks.text().isEmpty()) {
            out.append("/>");
        } else {
            out.append('>');
            text(out, remarks.text());
            out.append("</").append(Remarks.ELEMENT).append('>');
        }
    }

    private static void chat(StringBuilder out, Chat chat) {
        ChatGroup group = chat.chatGroup();
        startTag(out, Chat.ELEMENT, chat.attributes());
        if (group == null) {
            out.append("/>");
            return;
        }
        out.append('>');
        element(out, ChatGroup.ELEMENT, group.attributes());
        out.append("</").append(Chat.ELEMENT).append('>');
    }

    private static void marti(StringBuilder out, Marti marti) {
        List<MartiDest> destinations = marti.destinations();
        startTag(out, Marti.ELEMENT, marti.attributes());
        if (destinations.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (MartiDest dest : destinations) {
            element(out, MartiDest.ELEMENT, dest.attributes());
        }
        out.append("</").append(Marti.ELEMENT).append('>');
    }

    private static void element(StringBuilder out, String name, Attributes attributes) {
        startTag(out, name, attributes);
        out.append("/>");
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
