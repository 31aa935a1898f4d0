package org.kizuna.cot.proto;

import java.util.ArrayList;
import java.util.List;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.Detail;
import org.kizuna.cot.DetailElement;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.detail.PrecisionLocation;
import org.kizuna.cot.detail.Status;
import org.kizuna.cot.detail.Takv;
import org.kizuna.cot.detail.TeamGroup;
import org.kizuna.cot.detail.Track;
import org.kizuna.cot.proto.wire.TakProtocol;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.cot.xml.CotXmlWriter;

/**
 * {@link Detail} to and from the protobuf {@code Detail}: six well-known elements have typed
 * messages, everything else travels as XML in {@code xmlDetail}.
 *
 * <p>An element becomes its typed message only when the message holds all of it: exactly the
 * expected attributes (TAK Server's rule), and values that come back as the same strings (a
 * battery of "087" or a speed of "190" would come back as "87" and "190.0", so they stay XML).
 * It also stays XML when {@code unknown} holds a second copy of it, so that the receiver, reading
 * {@code xmlDetail} first, sees the copies in their original order.
 */
final class TakDetailConverter {

    private final CotXmlReader xmlReader;

    TakDetailConverter(CotXmlReader xmlReader) {
        this.xmlReader = xmlReader;
    }

    /** The protobuf detail, or null when the event has no detail at all. */
    TakProtocol.Detail toProto(Detail d) {
        if (d.isEmpty()) {
            return null;
        }
        TakProtocol.Detail.Builder out = TakProtocol.Detail.newBuilder();
        Detail.Builder rest = d.toBuilder();
        if (d.contact() != null && isContact(d.contact().attributes()) && !hasUnknown(d, DetailElement.CONTACT)) {
            Attributes a = d.contact().attributes();
            TakProtocol.Contact.Builder c = TakProtocol.Contact.newBuilder().setCallsign(a.getOrNull("callsign"));
            if (a.has("endpoint")) {
                c.setEndpoint(a.getOrNull("endpoint"));
            }
            out.setContact(c);
            rest.contact(null);
        }
        if (d.group() != null && hasExactly(d.group().attributes(), "name", "role")
                && !hasUnknown(d, DetailElement.GROUP)) {
            Attributes a = d.group().attributes();
            out.setGroup(TakProtocol.Group.newBuilder().setName(a.getOrNull("name")).setRole(a.getOrNull("role")));
            rest.group(null);
        }
        if (d.precisionLocation() != null && hasExactly(d.precisionLocation().attributes(), "geopointsrc", "altsrc")
                && !hasUnknown(d, DetailElement.PRECISION_LOCATION)) {
            Attributes a = d.precisionLocation().attributes();
            out.setPrecisionLocation(TakProtocol.PrecisionLocation.newBuilder()
                    .setGeopointsrc(a.getOrNull("geopointsrc")).setAltsrc(a.getOrNull("altsrc")));
            rest.precisionLocation(null);
        }
        convertMeasured(d, out, rest);
        String xml = CotXmlWriter.detailContent(rest.build());
        if (!xml.isEmpty()) {
            out.setXmlDetail(xml);
        }
        return out.build();
    }

    /** takv, status and track: the ones with numbers or four fields. */
    private static void convertMeasured(Detail d, TakProtocol.Detail.Builder out, Detail.Builder rest) {
        if (d.takv() != null && hasExactly(d.takv().attributes(), "device", "platform", "os", "version")
                && !hasUnknown(d, DetailElement.TAKV)) {
            Attributes a = d.takv().attributes();
            out.setTakv(TakProtocol.Takv.newBuilder().setDevice(a.getOrNull("device"))
                    .setPlatform(a.getOrNull("platform")).setOs(a.getOrNull("os")).setVersion(a.getOrNull("version")));
            rest.takv(null);
        }
        if (d.status() != null && hasExactly(d.status().attributes(), "battery")
                && isCanonicalBattery(d.status().attributes().getOrNull("battery")) && !hasUnknown(d, DetailElement.STATUS)) {
            out.setStatus(TakProtocol.Status.newBuilder()
                    .setBattery(Integer.parseUnsignedInt(d.status().attributes().getOrNull("battery"))));
            rest.status(null);
        }
        if (d.track() != null && hasExactly(d.track().attributes(), "speed", "course") && !hasUnknown(d, DetailElement.TRACK)) {
            Attributes a = d.track().attributes();
            Double speed = canonicalDouble(a.getOrNull("speed"));
            Double course = canonicalDouble(a.getOrNull("course"));
            if (speed != null && course != null) {
                out.setTrack(TakProtocol.Track.newBuilder().setSpeed(speed).setCourse(course));
                rest.track(null);
            }
        }
    }

    /**
     * Rebuilds the detail: {@code xmlDetail} first, then the typed messages over it. {@code memo}
     * (may be null) spares parsing an {@code xmlDetail} identical to the sender's previous one.
     */
    Detail fromProto(WireDetail p, DetailMemo memo) throws CotDecodeException {
        Detail base = xmlDetail(p.xmlDetail(), memo);
        Detail.Builder b = base.toBuilder();
        // A typed message wins over a same-named element in xmlDetail; that one is kept as unknown.
        List<String> displaced = new ArrayList<>(0);
        if (p.contact() != null) {
            WireDetail.Contact c = p.contact();
            if (base.contact() != null) {
                displace(displaced, Detail.builder().contact(base.contact()));
            }
            b.contact(new Contact(c.endpoint().isEmpty()
                    ? Attributes.of("callsign", c.callsign())
                    : Attributes.of("endpoint", c.endpoint(), "callsign", c.callsign())));
        }
        if (p.group() != null) {
            if (base.group() != null) {
                displace(displaced, Detail.builder().group(base.group()));
            }
            b.group(new TeamGroup(Attributes.of("name", p.group().name(), "role", p.group().role())));
        }
        if (p.precisionLocation() != null) {
            WireDetail.PrecisionLocation pl = p.precisionLocation();
            if (base.precisionLocation() != null) {
                displace(displaced, Detail.builder().precisionLocation(base.precisionLocation()));
            }
            b.precisionLocation(new PrecisionLocation(
                    Attributes.of("geopointsrc", pl.geopointsrc(), "altsrc", pl.altsrc())));
        }
        measuredFromProto(p, base, b, displaced);
        if (!displaced.isEmpty()) {
            displaced.addAll(base.unknown());
            b.unknown(displaced);
        }
        return b.build();
    }

    private static void measuredFromProto(WireDetail p, Detail base, Detail.Builder b, List<String> displaced) {
        if (p.battery() != null) {
            if (base.status() != null) {
                displace(displaced, Detail.builder().status(base.status()));
            }
            b.status(new Status(Attributes.of("battery", Integer.toUnsignedString(p.battery()))));
        }
        if (p.takv() != null) {
            WireDetail.Takv t = p.takv();
            if (base.takv() != null) {
                displace(displaced, Detail.builder().takv(base.takv()));
            }
            b.takv(new Takv(Attributes.of("device", t.device(), "platform", t.platform(), "os", t.os(),
                    "version", t.version())));
        }
        if (p.track() != null) {
            if (base.track() != null) {
                displace(displaced, Detail.builder().track(base.track()));
            }
            b.track(new Track(Attributes.of("speed", Double.toString(p.track().speed()),
                    "course", Double.toString(p.track().course()))));
        }
    }

    private Detail xmlDetail(String xml, DetailMemo memo) throws CotDecodeException {
        if (xml.isEmpty()) {
            return Detail.EMPTY;
        }
        Detail known = memo == null ? null : memo.recall(xml);
        if (known != null) {
            return known;
        }
        Detail parsed = xmlReader.readDetailContent(xml);
        if (memo != null) {
            memo.remember(xml, parsed);
        }
        return parsed;
    }

    private static void displace(List<String> displaced, Detail.Builder holdingOne) {
        String xml = CotXmlWriter.detailContent(holdingOne.build());
        if (!xml.isEmpty()) {
            displaced.add(xml);
        }
    }

    private static boolean isContact(Attributes a) {
        return a.has("callsign")
                && (a.size() == 1 || a.size() == 2 && a.has("endpoint") && !a.getOrNull("endpoint").isEmpty());
    }

    private static boolean hasExactly(Attributes a, String... names) {
        if (a.size() != names.length) {
            return false;
        }
        for (String name : names) {
            if (!a.has(name)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCanonicalBattery(String value) {
        try {
            return Integer.toUnsignedString(Integer.parseUnsignedInt(value)).equals(value);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The value when {@link Double#toString} gives it back unchanged, else null. */
    private static Double canonicalDouble(String value) {
        try {
            double d = Double.parseDouble(value);
            return Double.toString(d).equals(value) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when some unknown fragment is an element of {@code element}'s name. */
    private static boolean hasUnknown(Detail d, DetailElement element) {
        String name = element.elementName();
        for (String fragment : d.unknown()) {
            if (fragment.length() > name.length() + 1 && fragment.charAt(0) == '<' && fragment.startsWith(name, 1)) {
                char after = fragment.charAt(name.length() + 1);
                if (after == '>' || after == '/' || after == ' ' || after == '\t' || after == '\n' || after == '\r') {
                    return true;
                }
            }
        }
        return false;
    }
}
