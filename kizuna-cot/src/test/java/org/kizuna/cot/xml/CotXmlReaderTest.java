package org.kizuna.cot.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotFixtures;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.CotType;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.detail.MartiDest;

class CotXmlReaderTest {

    private final CotXmlReader reader = new CotXmlReader(CotLimits.DEFAULTS);

    static Stream<String> goodFixtures() {
        return CotFixtures.GOOD.stream();
    }

    private CotEvent fixture(String name) throws CotDecodeException {
        return reader.read(CotFixtures.bytes(name));
    }

    @ParameterizedTest
    @MethodSource("goodFixtures")
    void everyGoodFixtureSurvivesXmlModelXml(String name) throws CotDecodeException {
        CotEvent first = fixture(name);
        String xml = CotXmlWriter.toXml(first);
        CotEvent second = reader.read(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(second).isEqualTo(first);
        assertThat(CotXmlWriter.toXml(second)).isEqualTo(xml);
    }

    @Test
    void atakPliHasEveryTypedElement() throws CotDecodeException {
        CotEvent e = fixture("atak-pli.xml");
        assertThat(e.uid()).isEqualTo("ANDROID-589520ccfcd20f01");
        assertThat(e.type()).isEqualTo(CotType.of("a-f-G-U-C"));
        assertThat(e.how()).isEqualTo("h-e");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-26T05:42:11.412Z"));
        assertThat(e.start()).isEqualTo(e.time());
        assertThat(e.stale()).isEqualTo(Instant.parse("2026-11-26T05:48:26.412Z"));
        assertThat(e.point()).isEqualTo(new Point(35.7482251, 139.3482901, 128.447, 9.9, 9_999_999.0));
        assertThat(e.access()).isEmpty();
        assertThat(e.releasableTo()).isEmpty();
        Detail d = e.detail();
        assertThat(d.callsign()).contains("KESTREL-21");
        assertThat(d.contact().endpoint()).contains("*:-1:stcp");
        assertThat(d.contact().phone()).contains("+819000000000");
        assertThat(d.contact().attributes().names()).containsExactly("endpoint", "phone", "callsign");
        assertThat(d.takv().platform()).contains("ATAK-CIV");
        assertThat(d.takv().version()).contains("5.3.0.10 (b05aefb1).1727181385-CIV");
        assertThat(d.droid().droid()).contains("KESTREL-21");
        assertThat(d.precisionLocation().geopointsrc()).contains("GPS");
        assertThat(d.group().name()).contains("Cyan");
        assertThat(d.group().role()).contains("Team Lead");
        assertThat(d.status().battery()).contains(87);
        assertThat(d.track().speed()).contains(1.26);
        assertThat(d.track().course()).contains(273.1);
        assertThat(d.unknown()).isEmpty();
    }

    @Test
    void geochatDirectHasMartiDestinationAndChatGroup() throws CotDecodeException {
        Detail d = fixture("geochat-direct.xml").detail();
        assertThat(d.marti().destinations()).extracting(MartiDest::callsign).containsExactly(java.util.Optional.of("OSPREY-7"));
        assertThat(d.marti().isPointToPoint()).isTrue();
        assertThat(d.chat().chatroom()).contains("OSPREY-7");
        assertThat(d.chat().isToAllChatRooms()).isFalse();
        assertThat(d.chat().chatGroup().uid0()).contains("ANDROID-589520ccfcd20f01");
        assertThat(d.chat().chatGroup().uid1()).contains("ANDROID-11c0ffee00ab12cd");
        assertThat(d.remarks().text()).isEqualTo("Need your ETA to the supply point.");
        assertThat(d.remarks().to()).contains("ANDROID-11c0ffee00ab12cd");
        assertThat(d.links()).hasSize(1);
    }

    @Test
    void geochatAllGoesToAllChatRoomsAndKeepsServerDestination() throws CotDecodeException {
        Detail d = fixture("geochat-all.xml").detail();
        assertThat(d.chat().isToAllChatRooms()).isTrue();
        assertThat(d.marti()).isNull();
        assertThat(d.unknown()).containsExactly(
                "<__serverdestination destinations='192.168.1.20:4242:tcp:ANDROID-589520ccfcd20f01'/>");
    }

    @Test
    void itakEmptyMartiIsMartiWithoutDestinations() throws CotDecodeException {
        Detail d = fixture("itak-marker-empty-marti.xml").detail();
        assertThat(d.marti()).isNotNull();
        assertThat(d.marti().destinations()).isEmpty();
        assertThat(d.marti().isPointToPoint()).isFalse();
        assertThat(d.links()).singleElement().satisfies(l -> {
            assertThat(l.relation()).contains("p-p");
            assertThat(l.attributes().get("parent_callsign")).contains("HERON-3");
        });
        assertThat(d.unknown()).containsExactly(
                "<usericon iconsetpath=\"COT_MAPPING_2525B/a-u/a-u-G\"/>", "<color argb=\"-1\"/>", "<archive/>");
    }

    @Test
    void vendorDetailIsReEmittedByteForByte() throws CotDecodeException {
        String source = new String(CotFixtures.bytes("vendor-detail.xml"), StandardCharsets.UTF_8);
        CotEvent e = reader.read(CotFixtures.bytes("vendor-detail.xml"));
        assertThat(e.access()).isEqualTo("Undefined");
        assertThat(e.detail().callsign()).contains("Tower cam 7");
        assertThat(e.detail().unknown()).hasSize(3);
        for (String fragment : e.detail().unknown()) {
            assertThat(source).contains(fragment);
        }
        assertThat(e.detail().unknown().get(2)).isEqualTo(
                "<vendor:extension xmlns:vendor=\"urn:example:vendor\" level=\"2\">kept <b>verbatim</b></vendor:extension>");
        String written = CotXmlWriter.toXml(e);
        String sourceDetail = source.substring(source.indexOf("<sensor"), source.indexOf("</detail>"));
        assertThat(written).contains(sourceDetail);
    }

    @Test
    void routeAndPolygonKeepTheirLinksInOrder() throws CotDecodeException {
        Detail route = fixture("route.xml").detail();
        assertThat(route.links()).extracting(l -> l.callsign().orElseThrow())
                .containsExactly("Yokota gate", "CP1", "Tachikawa");
        assertThat(route.links().get(1).point()).contains("35.7200,139.4100");
        assertThat(route.links().get(0).attributes().get("remarks")).contains("");
        assertThat(route.unknown()).first().asString().startsWith("<link_attr ");
        assertThat(route.remarks().text()).isEmpty();

        Detail polygon = fixture("shape-polygon.xml").detail();
        assertThat(polygon.links()).extracting(l -> l.point().orElseThrow()).containsExactly(
                "35.6650,139.6950", "35.6650,139.7060", "35.6550,139.7060", "35.6550,139.6950", "35.6650,139.6950");
    }

    @Test
    void otherFixturesCarryTheirTypedValues() throws CotDecodeException {
        assertThat(fixture("maritime-neutral.xml").detail().flowTags().contains("ais-gateway")).isTrue();
        assertThat(fixture("air-friendly.xml").point().hae()).isEqualTo(3048.0);
        assertThat(fixture("air-friendly.xml").detail().track().speed()).contains(190.0);
        assertThat(fixture("delete.xml").type()).isEqualTo(CotType.DELETE);
        assertThat(fixture("delete.xml").detail().unknown()).containsExactly("<__forcedelete/>");
        assertThat(fixture("emergency-911.xml").detail().unknown())
                .containsExactly("<emergency type='911 Alert'>KESTREL-21</emergency>");
        assertThat(fixture("fileshare.xml").detail().marti().destinations()).hasSize(1);
        assertThat(fixture("circle.xml").detail().unknown()).first().isEqualTo(
                "<shape><ellipse major='1500.0' minor='1500.0' angle='360'/></shape>");
        assertThat(fixture("control/ping.xml").detail()).isEqualTo(Detail.EMPTY);
        assertThat(fixture("control/takp-request.xml").detail().unknown())
                .containsExactly("<TakControl><TakRequest version=\"1\"/></TakControl>");
    }

    @Test
    void readsTheFrameInsideALargerBuffer() throws CotDecodeException {
        byte[] pli = CotFixtures.bytes("atak-pli.xml");
        byte[] buf = new byte[pli.length + 20];
        java.util.Arrays.fill(buf, (byte) 'x');
        System.arraycopy(pli, 0, buf, 7, pli.length);
        assertThat(reader.read(buf, 7, pli.length)).isEqualTo(fixture("atak-pli.xml"));

        // Verbatim slices are cut from the right place, after skipped leading whitespace too.
        byte[] vendor = CotFixtures.bytes("vendor-detail.xml");
        byte[] padded = new byte[vendor.length + 30];
        java.util.Arrays.fill(padded, (byte) ' ');
        padded[0] = 'x';
        System.arraycopy(vendor, 0, padded, 13, vendor.length);
        assertThat(reader.read(padded, 1, vendor.length + 12)).isEqualTo(fixture("vendor-detail.xml"));
    }

    @Test
    void acceptsLeadingWhitespaceDeclarationsAndCommentsAroundTheEvent() throws CotDecodeException {
        String body = "<event uid=\"u\" type=\"a-f-G\" time=\"2026-01-01T00:00:00Z\" start=\"2026-01-01T00:00:00Z\""
                + " stale=\"2026-01-01T00:01:00Z\"><point lat=\"1\" lon=\"2\"/></event>";
        CotEvent plain = reader.read(body.getBytes(StandardCharsets.UTF_8));
        for (String prefix : new String[] {"\r\n  ", "<?xml version='1.0' standalone='yes'?>",
                "\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- hi -->", "\uFEFF"}) {
            assertThat(reader.read((prefix + body + "\n<!-- bye -->\n").getBytes(StandardCharsets.UTF_8)))
                    .as(prefix).isEqualTo(plain);
        }
        assertThat(plain.how()).isEmpty();
        assertThat(plain.point()).isEqualTo(new Point(1, 2, Point.UNKNOWN, Point.UNKNOWN, Point.UNKNOWN));
        assertThat(plain.detail()).isEqualTo(Detail.EMPTY);
    }

    @Test
    void oneReaderServesManyThreads() throws Exception {
        List<byte[]> frames = CotFixtures.GOOD.stream().map(CotFixtures::bytes).toList();
        List<CotEvent> expected = new ArrayList<>();
        for (byte[] frame : frames) {
            expected.add(reader.read(frame));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        int k = (i + offset) % frames.size();
                        if (!reader.read(frames.get(k)).equals(expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readsLatin1WhenDeclared() throws CotDecodeException {
        String doc = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><event uid=\"caf\u00e9\" type=\"a-f-G\""
                + " time=\"2026-01-01T00:00:00Z\" start=\"2026-01-01T00:00:00Z\" stale=\"2026-01-01T00:01:00Z\">"
                + "<point lat=\"1\" lon=\"2\"/><detail><x n=\"\u00e9\"/></detail></event>";
        CotEvent e = reader.read(doc.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(e.uid()).isEqualTo("caf\u00e9");
        assertThat(e.detail().unknown()).containsExactly("<x n=\"\u00e9\"/>");
    }

    @Test
    void wellKnownElementsTheModelCannotHoldStayVerbatim() throws CotDecodeException {
        String detail = "<contact callsign='A'><extra/></contact><contact callsign='B'/><contact callsign='C'/>"
                + "<remarks>a<b/>c</remarks><marti><dest callsign='X'/><note/></marti>"
                + "<__chat id='1'><chatgrp id='1'/><chatgrp id='2'/></__chat><link uid='L'>text</link>"
                + "<track speed='1' course='2'><!-- c --></track><v:status xmlns:v='urn:v' battery='1'/>"
                + "<status v:x='1' xmlns:v='urn:v'/><takv os='1'>\n </takv>";
        Detail d = reader.readDetailContent(detail);
        assertThat(d.contact().attributes()).isEqualTo(Attributes.of("callsign", "B"));
        assertThat(d.takv().os()).contains("1");
        assertThat(d.remarks()).isNull();
        assertThat(d.marti()).isNull();
        assertThat(d.chat()).isNull();
        assertThat(d.links()).isEmpty();
        assertThat(d.track()).isNull();
        assertThat(d.status()).isNull();
        assertThat(d.unknown()).containsExactly("<contact callsign='A'><extra/></contact>", "<contact callsign='C'/>",
                "<remarks>a<b/>c</remarks>", "<marti><dest callsign='X'/><note/></marti>",
                "<__chat id='1'><chatgrp id='1'/><chatgrp id='2'/></__chat>", "<link uid='L'>text</link>",
                "<track speed='1' course='2'><!-- c --></track>", "<v:status xmlns:v='urn:v' battery='1'/>",
                "<status v:x='1' xmlns:v='urn:v'/>");
    }

    @Test
    void remarksKeepEscapedTextCdataAndWhitespace() throws CotDecodeException {
        Detail d = reader.readDetailContent("<remarks to='x'>  a &amp; b &lt;c&gt; &#x65E5;<![CDATA[<raw>]]>\n</remarks>");
        assertThat(d.remarks().text()).isEqualTo("  a & b <c> \u65e5<raw>\n");
        assertThat(d.remarks().to()).contains("x");
    }

    @Test
    void readDetailContentOfNothingIsEmpty() throws CotDecodeException {
        assertThat(reader.readDetailContent("")).isEqualTo(Detail.EMPTY);
        assertThat(reader.readDetailContent("  <!-- only a comment -->  ")).isEqualTo(Detail.EMPTY);
    }

    @Test
    void linksWithUnknownAttributesKeepThemInOrder() throws CotDecodeException {
        Link link = reader.readDetailContent("<link z='1' a='2' xml:lang='ja'/>").links().get(0);
        assertThat(link.attributes().names()).containsExactly("z", "a", "xml:lang");
    }
}
