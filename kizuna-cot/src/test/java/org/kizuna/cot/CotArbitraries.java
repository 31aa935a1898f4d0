package org.kizuna.cot;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
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
 * jqwik generators of valid {@link CotEvent}s, for any test that needs events: every typed detail
 * element (both shaped the way TAK clients send them and with arbitrary extra attributes), links,
 * chat, marti, flow tags, unknown elements as well-formed verbatim XML, strings that need escaping
 * (&amp;, &lt;, quotes, tabs, CR/LF, non-BMP unicode), times with millisecond precision in
 * 1970..9999, and doubles at full precision.
 *
 * <p>Everything generated is something both decoders can produce: it survives XML and protobuf
 * round trips unchanged, and stays well inside {@link CotLimits#DEFAULTS}.
 */
public final class CotArbitraries {

    /** Latest time a decoder accepts: 9999-12-31T23:59:59.999Z. */
    public static final long MAX_MILLIS = 253_402_300_799_999L;

    private static final String[] TOKENS = {"a", "Z", "0", " ", "  ", "&", "<", ">", "\"", "'", "\t", "\n", "\r",
        "\r\n", "]]>", "&amp;", "&#38;", "=", "/", ";", "#", "-", "\u00e9", "\u65e5\u672c", "\uD83D\uDE00", "\u00a0",
        "\u0085", "\u2028", "\uFFFD", "KESTREL-21", "All Chat Rooms", "*:-1:stcp"};

    private static final List<String> WELL_KNOWN = DetailElement.all().stream().map(DetailElement::elementName)
            .toList();

    private static final String[] VENDOR_NAMES = {"sensor", "__video", "usericon", "color", "archive",
        "strokeColor", "shape", "fileshare", "ackrequest", "__serverdestination", "labels_on", "TakControl",
        "emergency", "ConnectionEntry", "_x.y-z", "\u540d\u524d"};

    private CotArbitraries() {
    }

    /** Valid events of every shape. */
    public static Arbitrary<CotEvent> events() {
        Arbitrary<Instant[]> times = Combinators.combine(
                Arbitraries.longs().between(0, MAX_MILLIS),
                Arbitraries.longs().between(0, MAX_MILLIS - 100_000_000_000L),
                Arbitraries.longs().between(0, 100_000_000_000L).edgeCases(c -> c.includeOnly(0L)))
                .as((time, start, life) -> new Instant[] {Instant.ofEpochMilli(time), Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(start + life)});
        Arbitrary<String[]> optionals = Combinators.combine(optional(), optional(), optional(), optional(), optional())
                .as((access, qos, opex, caveat, releasableTo) -> new String[] {access, qos, opex, caveat, releasableTo});
        return Combinators.combine(uids(), types(), hows(), times, points(), optionals, details())
                .as((uid, type, how, t, point, o, detail) -> new CotEvent(uid, CotType.of(type), how, t[0], t[1],
                        t[2], point, o[0], o[1], o[2], o[3], o[4], detail));
    }

    /** XML-safe strings that need escaping, possibly empty. */
    public static Arbitrary<String> awkwardStrings() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(TOKENS),
                Arbitraries.strings().withCharRange(' ', '\uD7FF').ofMaxLength(6));
        return piece.list().ofMaxSize(6).map(parts -> String.join("", parts));
    }

    public static Arbitrary<String> uids() {
        return Arbitraries.oneOf(
                Arbitraries.of("ANDROID-589520ccfcd20f01", "GeoChat.ANDROID-1.All Chat Rooms.8a7e4f0a", "SENSOR-CAM-07"),
                awkwardStrings().filter(s -> !s.isBlank()));
    }

    public static Arbitrary<String> types() {
        return Arbitraries.oneOf(
                Arbitraries.of("a-f-G-U-C", "a-h-A-M-F", "b-t-f", "t-x-d-d", "u-d-f", "b-m-r", "t-x-takp-q"),
                Arbitraries.strings().withChars("afhnuGUCASXbtxdrm-0123456789!#$%()*+,./:;=?@[]^_`{|}~\u00e9\u65e5")
                        .ofMinLength(1).ofMaxLength(CotType.MAX_LENGTH));
    }

    private static Arbitrary<String> hows() {
        return Arbitraries.oneOf(Arbitraries.of("m-g", "h-e", "h-g-i-g-o", ""), awkwardStrings());
    }

    private static Arbitrary<String> optional() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(""), awkwardStrings());
    }

    /** Points with full-precision coordinates, CoT's unknown markers and signed zeros. */
    public static Arbitrary<Point> points() {
        Arbitrary<Double> lat = Arbitraries.oneOf(Arbitraries.doubles().between(-90, 90).ofScale(12),
                Arbitraries.of(-90.0, 90.0, 0.0, -0.0, 35.7482251));
        Arbitrary<Double> lon = Arbitraries.oneOf(Arbitraries.doubles().between(-180, 180).ofScale(12),
                Arbitraries.of(-180.0, 180.0, -0.0, 139.3482901));
        Arbitrary<Double> hae = Arbitraries.oneOf(Arbitraries.of(Point.UNKNOWN, 999_999.0, 0.0, -0.0, 128.447),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite));
        Arbitrary<Double> error = Arbitraries.oneOf(Arbitraries.of(Point.UNKNOWN, 999_999.0, 0.0, 9.9, 1e-7, 1e21),
                Arbitraries.longs().map(bits -> Math.abs(Double.longBitsToDouble(bits))).filter(Double::isFinite));
        return Combinators.combine(lat, lon, hae, error, error).as(Point::new);
    }

    /** Details mixing every typed element, links, and unknown elements. */
    public static Arbitrary<Detail> details() {
        Arbitrary<Detail.Builder> first = Combinators.combine(
                contacts().injectNull(0.4), typed("name", "role").map(TeamGroup::new).injectNull(0.5),
                typed("device", "platform", "os", "version").map(Takv::new).injectNull(0.5),
                tracks().injectNull(0.5), statuses().injectNull(0.5),
                typed("geopointsrc", "altsrc").map(PrecisionLocation::new).injectNull(0.5),
                attributes("Droid").map(DroidUid::new).injectNull(0.6), remarks().injectNull(0.5))
                .as((contact, group, takv, track, status, precision, droid, remarks) -> Detail.builder()
                        .contact(contact).group(group).takv(takv).track(track).status(status)
                        .precisionLocation(precision).droid(droid).remarks(remarks));
        return Combinators.combine(first,
                attributes("uid", "type", "relation", "point", "callsign").map(Link::new).list().ofMaxSize(4),
                chats().injectNull(0.6), martis().injectNull(0.6),
                attributes("kizuna-jpn", "TAK-Server-1a2b", "ais-gateway").map(FlowTags::new).injectNull(0.7),
                unknownElements().list().ofMaxSize(4))
                .as((b, links, chat, marti, flowTags, unknown) -> b.links(links).chat(chat).marti(marti)
                        .flowTags(flowTags).unknown(unknown).build());
    }

    private static Arbitrary<Contact> contacts() {
        Arbitrary<Attributes> takShaped = Arbitraries.oneOf(
                callsigns().map(c -> Attributes.of("callsign", c)),
                Combinators.combine(Arbitraries.of("*:-1:stcp", "192.168.1.20:4242:tcp"), callsigns())
                        .as((endpoint, callsign) -> Attributes.of("endpoint", endpoint, "callsign", callsign)));
        return Arbitraries.oneOf(takShaped, attributes("callsign", "endpoint", "phone")).map(Contact::new);
    }

    private static Arbitrary<Track> tracks() {
        Arbitrary<Double> any = Arbitraries.longs().map(Double::longBitsToDouble);
        return Arbitraries.oneOf(Combinators.combine(any, any).as(Track::of),
                attributes("speed", "course", "slope").map(Track::new));
    }

    private static Arbitrary<Status> statuses() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(b -> new Status(Attributes.of("battery", Integer.toUnsignedString(b)))),
                attributes("battery", "readiness").map(Status::new));
    }

    private static Arbitrary<Remarks> remarks() {
        return Combinators.combine(awkwardStrings(), attributes("source", "to", "time")).as(Remarks::new);
    }

    private static Arbitrary<Chat> chats() {
        Arbitrary<ChatGroup> group = attributes("uid0", "uid1", "id").map(ChatGroup::new).injectNull(0.3);
        return Combinators.combine(attributes("parent", "groupOwner", "messageId", "chatroom", "id", "senderCallsign"),
                group).as(Chat::new);
    }

    private static Arbitrary<Marti> martis() {
        return Combinators.combine(Arbitraries.oneOf(Arbitraries.just(Attributes.empty()), attributes()),
                attributes("callsign", "uid", "mission", "group").map(MartiDest::new).list().ofMaxSize(3))
                .as(Marti::new);
    }

    private static Arbitrary<String> callsigns() {
        return Arbitraries.oneOf(Arbitraries.of("KESTREL-21", "OSPREY-7", "SEAHAWK 11", ""), awkwardStrings());
    }

    /** Exactly {@code names}, with awkward values: the shape a typed protobuf message carries. */
    private static Arbitrary<Attributes> typed(String... names) {
        return Arbitraries.oneOf(
                awkwardStrings().list().ofSize(names.length).map(values -> {
                    String[] pairs = new String[names.length * 2];
                    for (int i = 0; i < names.length; i++) {
                        pairs[2 * i] = names[i];
                        pairs[2 * i + 1] = values.get(i);
                    }
                    return Attributes.of(pairs);
                }),
                attributes(names));
    }

    /** Up to six attributes, names mostly from {@code usual}, values awkward. */
    public static Arbitrary<Attributes> attributes(String... usual) {
        Arbitrary<String> names = usual.length == 0 ? attributeNames()
                : Arbitraries.oneOf(Arbitraries.of(usual), Arbitraries.of(usual), attributeNames());
        return Arbitraries.maps(names, awkwardStrings()).ofMaxSize(6).map(Attributes::of);
    }

    /** XML names without a namespace prefix (and {@code xml:lang}, whose prefix is always bound). */
    public static Arbitrary<String> attributeNames() {
        Arbitrary<String> generated = Combinators.combine(
                Arbitraries.strings().withChars("abcXYZ_\u00e9\u65e5").ofLength(1),
                Arbitraries.strings().withChars("abcXYZ_-.0123456789\u00b7\u65e5").ofMaxLength(8))
                .as(String::concat).filter(n -> !n.startsWith("xml"));
        return Arbitraries.oneOf(generated, Arbitraries.of("uid", "type", "value", "xml:lang", "_flow", "a.b-c"));
    }

    /** Well-formed elements a client might send that no typed element takes: kept verbatim. */
    public static Arbitrary<String> unknownElements() {
        Arbitrary<String> vendor = element(Arbitraries.of(VENDOR_NAMES), 3);
        // A well-known name holding a child element the model has no place for stays verbatim too.
        Arbitrary<String> wellKnownWithChild = Combinators.combine(Arbitraries.of(WELL_KNOWN), xmlAttributes(),
                element(Arbitraries.of("extra", "point", "dest"), 1))
                .as((name, attrs, child) -> "<" + name + attrs + "><x-extra/>" + child + "</" + name + ">");
        Arbitrary<String> namespaced = Combinators.combine(xmlAttributes(), textNodes())
                .as((attrs, text) -> "<vendor:extension xmlns:vendor=\"urn:example:vendor\"" + attrs
                        + " vendor:level='2'>" + text + "<vendor:b/></vendor:extension>");
        return Arbitraries.frequencyOf(
                Tuple.of(6, vendor), Tuple.of(2, wellKnownWithChild),
                Tuple.of(1, namespaced));
    }

    private static Arbitrary<String> element(Arbitrary<String> names, int depth) {
        Arbitrary<String> content = depth == 0 ? textNodes()
                : Arbitraries.oneOf(textNodes(), element(Arbitraries.oneOf(names, Arbitraries.of(
                        WELL_KNOWN)), depth - 1), comments(), cdata()).list().ofMaxSize(3)
                        .map(parts -> String.join("", parts));
        return Combinators.combine(names, xmlAttributes(), content, Arbitraries.of(true, false))
                .as((name, attrs, inner, selfClose) -> selfClose && inner.isEmpty()
                        ? "<" + name + attrs + "/>"
                        : "<" + name + attrs + ">" + inner + "</" + name + ">");
    }

    /** Attributes as written by other encoders: single or double quotes, raw tabs and newlines. */
    private static Arbitrary<String> xmlAttributes() {
        Arbitrary<String> one = Combinators.combine(attributeNames(), awkwardStrings(), Arbitraries.of('"', '\''),
                Arbitraries.of(" ", "\n  ", "\t"))
                .as((name, value, quote, space) -> space + name + "=" + quote
                        + escapeMarkup(value).replace(String.valueOf(quote), quote == '"' ? "&quot;" : "&apos;") + quote);
        return one.list().ofMaxSize(3).uniqueElements(a -> a.substring(0, a.indexOf('=')).trim())
                .map(parts -> String.join("", parts));
    }

    private static Arbitrary<String> textNodes() {
        return awkwardStrings().map(CotArbitraries::escapeMarkup);
    }

    private static Arbitrary<String> comments() {
        return awkwardStrings().filter(s -> !s.contains("--") && !s.endsWith("-")).map(s -> "<!--" + s + "-->");
    }

    private static Arbitrary<String> cdata() {
        return awkwardStrings().filter(s -> !s.contains("]]>")).map(s -> "<![CDATA[" + s + "]]>");
    }

    private static String escapeMarkup(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
