package org.kizuna.policy.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.kizuna.cot.DetailElement;
import org.kizuna.cot.detail.ChatGroup;
import org.kizuna.cot.detail.MartiDest;
import org.kizuna.policy.cot.EventLabels;

/**
 * jqwik generators of {@code <detail>} children as TAK clients write them: each typed element of the
 * {@link DetailElement} registry with realistic content, the forms the decoder keeps verbatim (a
 * second copy, unexpected content, a default namespace), and vendor elements (plain, prefixed,
 * self-closing, with text, comments or children).
 */
final class DetailChildrenXml {

    /** Names used for nested children: never a top-level name the properties strip. */
    private static final Set<String> NESTED = Set.of("vertex", "ConnectionEntry", "Style", "LineStyle", "x-extra",
            "ConfidentialityLabel", "ConfidentialityInformation", "PolicyIdentifier", "Classification",
            ChatGroup.ELEMENT, MartiDest.ELEMENT);

    /** Names a detail child may not take in these properties: the event's own elements would match. */
    private static final Set<String> RESERVED = Set.of("event", "point", "detail");

    private static final String[] VENDOR = {"__video", "usericon", "color", "archive", "__serverdestination",
        "fileshare", "emergency", "sensor", "shape", "strokeColor", "fillColor", "labels_on", "ackrequest",
        "__forcedelete", "height", "ce_human_input", "__geofence", "hierarchy", "creator"};

    private static final String[] CALLSIGNS = {"KESTREL-21", "OSPREY 7", "SEAHAWK-11", "Ō-TAKA", "a &amp; b",
        "&lt;contact callsign=&quot;x&quot;/&gt;", "&#60;remarks&#62;"};

    private static final String LABEL = "<" + EventLabels.ELEMENT + "><ConfidentialityLabel"
            + " xmlns=\"urn:nato:stanag:4774:confidentialitymetadatalabel:1:0\"><ConfidentialityInformation>"
            + "<PolicyIdentifier>NATO</PolicyIdentifier><Classification>UNCLASSIFIED</Classification>"
            + "</ConfidentialityInformation></ConfidentialityLabel></" + EventLabels.ELEMENT + ">";

    private DetailChildrenXml() {
    }

    /** One to three children named {@code name}, in any form the decoder reads as that name. */
    static Arbitrary<List<String>> carrying(String name) {
        if (DetailElement.named(name).isEmpty()) {
            return verbatim(Arbitraries.just(name)).list().ofMinSize(1).ofMaxSize(3);
        }
        DetailElement e = DetailElement.named(name).orElseThrow();
        Arbitrary<List<String>> odd = oddForms(e).list().ofMaxSize(2);
        return Combinators.combine(typed(e), odd, Arbitraries.of(true, false)).as((t, more, withTyped) -> {
            List<String> forms = new ArrayList<>(more);
            if (withTyped || forms.isEmpty()) {
                forms.add(0, t);
            }
            return forms;
        });
    }

    /** Typed elements from the registry (each maybe), vendor elements, maybe a label. */
    static Arbitrary<List<String>> background() {
        List<Arbitrary<String>> typed = DetailElement.all().stream().map(e -> typed(e).injectNull(0.5)).toList();
        Arbitrary<List<String>> present = Combinators.combine(typed)
                .as(all -> all.stream().filter(Objects::nonNull).toList());
        Arbitrary<List<String>> vendor = verbatim(verbatimNames()).list().ofMaxSize(3);
        return Combinators.combine(present, vendor, Arbitraries.of(true, true, false))
                .as((t, v, label) -> {
                    List<String> children = new ArrayList<>(t);
                    children.addAll(v);
                    if (label) {
                        children.add(LABEL);
                    }
                    return children;
                });
    }

    /** Vendor names: common ones, generated ones, namespace-prefixed ones; never a typed name. */
    static Arbitrary<String> verbatimNames() {
        Arbitrary<String> generated = Combinators.combine(
                Arbitraries.strings().withChars("abcxyzXYZ_").ofLength(1),
                Arbitraries.strings().withChars("abcxyzXYZ_-.0123456789").ofMaxLength(10)).as(String::concat);
        Arbitrary<String> prefixed = Combinators.combine(Arbitraries.of("v", "tak", "ns1", "ext"), generated)
                .as((prefix, local) -> prefix + ":" + local);
        return Arbitraries.oneOf(Arbitraries.of(VENDOR), generated, prefixed).filter(DetailChildrenXml::mayStrip);
    }

    private static boolean mayStrip(String name) {
        String local = name.substring(name.indexOf(':') + 1);
        return DetailElement.named(name).isEmpty() && !Obligations.PROTECTED.contains(name) && !NESTED.contains(local)
                && !RESERVED.contains(name) && !local.toLowerCase(Locale.ROOT).startsWith("xml");
    }

    /** The element as a TAK client sends it; the decoder reads it as typed when it is the first copy. */
    static Arbitrary<String> typed(DetailElement e) {
        String n = e.elementName();
        Arbitrary<String> callsign = Arbitraries.of(CALLSIGNS);
        return switch (e) {
            case CONTACT -> Combinators.combine(callsign, Arbitraries.of("*:-1:stcp", "192.168.1.20:4242:tcp", ""))
                    .as((c, endpoint) -> endpoint.isEmpty() ? tag(n, "callsign", c)
                            : tag(n, "endpoint", endpoint, "callsign", c));
            case GROUP -> Combinators.combine(Arbitraries.of("Cyan", "Dark Blue", "Yellow", "Maroon"),
                            Arbitraries.of("Team Member", "Team Lead", "HQ", "Medic", "RTO"))
                    .as((g, r) -> tag(n, "name", g, "role", r));
            case TAKV -> Arbitraries.of("ATAK-CIV", "WinTAK-CIV", "iTAK").map(p -> tag(n, "device",
                    "SAMSUNG SM-G781U", "platform", p, "os", "33", "version", "5.2.0.4 (2f5a7a31).1725551243-CIV"));
            case TRACK -> Combinators.combine(Arbitraries.doubles().between(0, 300),
                            Arbitraries.doubles().between(0, 360))
                    .as((speed, course) -> tag(n, "speed", Double.toString(speed), "course", Double.toString(course)));
            case STATUS -> Arbitraries.integers().between(0, 100).map(b -> tag(n, "battery", Integer.toString(b)));
            case PRECISION_LOCATION -> Arbitraries.of("GPS", "USER", "???")
                    .map(src -> tag(n, "geopointsrc", src, "altsrc", src.equals("GPS") ? "GPS" : "DTED0"));
            case DROID -> callsign.map(c -> tag(n, "Droid", c));
            case REMARKS -> Combinators.combine(text(), callsign).as((t, c) -> t.isEmpty() ? "<" + n + "/>"
                    : open(n, "source", "BAO.F.ATAK." + c, "time", "2026-11-26T09:00:00.000Z") + t + "</" + n + ">");
            case LINK -> Arbitraries.of("ANDROID-2", "SENSOR-CAM-07", "a-route-1").list().ofMinSize(1).ofMaxSize(3)
                    .map(uids -> String.join("", uids.stream().map(uid -> tag(n, "uid", uid, "type", "a-f-G-U-C",
                            "relation", "p-p")).toList()));
            case CHAT -> callsign.map(c -> open(n, "parent", "RootContactGroup", "groupOwner", "false",
                    "chatroom", "All Chat Rooms", "id", "All Chat Rooms", "senderCallsign", c)
                    + tag(ChatGroup.ELEMENT, "uid0", "ANDROID-359312", "uid1", "All Chat Rooms", "id", "All Chat Rooms")
                    + "</" + n + ">");
            case MARTI -> callsign.list().ofMaxSize(2).map(cs -> cs.isEmpty() ? "<" + n + "/>"
                    : "<" + n + ">" + String.join("", cs.stream().map(c -> tag(MartiDest.ELEMENT, "callsign", c))
                            .toList()) + "</" + n + ">");
            case FLOW_TAGS -> Arbitraries.of("TAK-Server-1a2b", "kizuna-jpn")
                    .map(server -> tag(n, server, "2026-11-26T09:00:00.000Z"));
        };
    }

    /** Forms of a typed element's name the decoder keeps verbatim (or, for links, typed again). */
    private static Arbitrary<String> oddForms(DetailElement e) {
        String n = e.elementName();
        return Arbitraries.oneOf(
                typed(e),  // a second copy
                text().map(t -> open(n, "note", "unexpected") + "<x-extra/>" + t + "</" + n + ">"),
                Arbitraries.of(tag(n, "xmlns", "urn:example:vendor", "value", "1"),
                        "<" + n + " xmlns='urn:example:vendor'></" + n + ">"));
    }

    /** Elements named by {@code names}: self-closing, empty, with text, comments or nested children. */
    private static Arbitrary<String> verbatim(Arbitrary<String> names) {
        return names.flatMap(name -> {
            String prefix = name.contains(":") ? name.substring(0, name.indexOf(':')) : "";
            String declare = prefix.isEmpty() ? "" : " xmlns:" + prefix + "=\"urn:example:" + prefix + "\"";
            String start = "<" + name + declare;
            String end = "</" + name + ">";
            return Arbitraries.oneOf(
                    Arbitraries.of(CALLSIGNS).map(v -> start + " url=\"rtsp://cam/" + v + "\"/>"),
                    Arbitraries.just(start + ">" + end),
                    text().map(t -> start + " value='2'>" + t + end),
                    text().map(t -> start + "><!-- from a vendor plugin -->" + t
                            + "<vertex lat=\"35.1\" lon=\"139.2\"/><Style><LineStyle color=\"-1\"/></Style>" + end));
        });
    }

    /** Text content: plain, escaped markup that must not read as a tag, CDATA without markup. */
    private static Arbitrary<String> text() {
        return Arbitraries.of("", "at the bridge", "see &lt;contact callsign=\"x\"/&gt; and &#60;link&#62;",
                "<![CDATA[meet at 0600 & bring water]]>", "  \n  ", "日本語のメモ");
    }

    private static String tag(String name, String... attributes) {
        return open(name, attributes).replaceFirst(">$", "/>");
    }

    private static String open(String name, String... attributes) {
        StringBuilder out = new StringBuilder("<").append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(attributes[i + 1]).append('"');
        }
        return out.append('>').toString();
    }
}
