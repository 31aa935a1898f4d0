package org.kizuna.cot.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotDecodeException.FrameTooLongException;
import org.kizuna.cot.CotDecodeException.InvalidEventException;
import org.kizuna.cot.CotDecodeException.MalformedXmlException;
import org.kizuna.cot.CotFixtures;
import org.kizuna.cot.CotLimits;

/** Hostile, malformed and invalid input, and the structural limits. */
class CotXmlReaderRefusalTest {

    private static final String TIMES =
            " time=\"2026-11-26T06:40:00Z\" start=\"2026-11-26T06:40:00Z\" stale=\"2026-11-26T06:50:00Z\"";

    private final CotXmlReader reader = new CotXmlReader(CotLimits.DEFAULTS);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String event(String detailContent) {
        return "<event version=\"2.0\" uid=\"U-1\" type=\"a-f-G\" how=\"m-g\"" + TIMES
                + "><point lat=\"35\" lon=\"139\" hae=\"0\" ce=\"1\" le=\"1\"/><detail>" + detailContent + "</detail></event>";
    }

    @Test
    void externalEntityIsRefusedAndNeverRead() {
        assertThatThrownBy(() -> reader.read(CotFixtures.bytes("hostile/xxe-file.xml")))
                .isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("DOCTYPE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("root:"));
    }

    @Test
    void externalDtdIsNeverFetched(@TempDir Path dir) throws Exception {
        Path dtd = dir.resolve("evil.dtd");
        Files.writeString(dtd, "<!ENTITY secret \"LEAKED-SECRET\">");
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE event SYSTEM \"" + dtd.toUri() + "\">"
                + event("<remarks>&secret;</remarks>");
        assertThatThrownBy(() -> reader.read(utf8(doc)))
                .isInstanceOf(MalformedXmlException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("LEAKED-SECRET"));
    }

    @Test
    void entityExpansionIsRefusedFast() {
        byte[] lol = CotFixtures.bytes("hostile/entity-expansion.xml");
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> reader.read(lol))
                .isInstanceOf(MalformedXmlException.class));
    }

    @Test
    void undeclaredEntityReferencesAreRefused() {
        assertThatThrownBy(() -> reader.read(utf8(event("<remarks>&xxe;</remarks>"))))
                .isInstanceOf(MalformedXmlException.class);
        assertThatThrownBy(() -> reader.read(utf8(event("<contact callsign=\"&xxe;\"/>"))))
                .isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void malformedFixtureIsRefused() {
        assertThatThrownBy(() -> reader.read(CotFixtures.bytes("hostile/malformed.xml")))
                .isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("not well-formed");
    }

    @Test
    void staleBeforeStartAndLatitude95AreInvalid() {
        assertThatThrownBy(() -> reader.read(CotFixtures.bytes("hostile/stale-before-start.xml")))
                .isInstanceOf(InvalidEventException.class);
        String lat95 = event("").replace("lat=\"35\"", "lat=\"95.0\"");
        assertThatThrownBy(() -> reader.read(utf8(lat95)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("lat");
        String staleFirst = event("").replace("stale=\"2026-11-26T06:50:00Z\"", "stale=\"2026-11-26T06:39:00Z\"");
        assertThatThrownBy(() -> reader.read(utf8(staleFirst)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("stale");
    }

    @ParameterizedTest
    @ValueSource(strings = {"uid", "type", "time", "start", "stale"})
    void missingRequiredAttributeIsNamed(String attribute) {
        String doc = event("").replaceFirst(" " + attribute + "=\"[^\"]*\"", "");
        assertThatThrownBy(() -> reader.read(utf8(doc)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("'" + attribute + "'");
    }

    @Test
    void missingPointOrCoordinatesAreNamed() {
        String noPoint = event("").replaceFirst("<point [^>]*/>", "");
        assertThatThrownBy(() -> reader.read(utf8(noPoint)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("<point>");
        String noLon = event("").replace(" lon=\"139\"", "");
        assertThatThrownBy(() -> reader.read(utf8(noLon)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("'lon'");
        String badHae = event("").replace("hae=\"0\"", "hae=\"high\"");
        assertThatThrownBy(() -> reader.read(utf8(badHae)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("'hae'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"uid=\"  \"", "type=\"a f\"", "time=\"yesterday\"", "start=\"2026-02-30T00:00:00Z\"",
        "stale=\"1969-12-31T23:59:59Z\""})
    void badValuesAreInvalidEvents(String replacement) {
        String name = replacement.substring(0, replacement.indexOf('='));
        String doc = event("").replaceFirst(" " + name + "=\"[^\"]*\"", " " + replacement);
        assertThatThrownBy(() -> reader.read(utf8(doc)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining(name);
    }

    @Test
    void charactersXmlCannotCarryAreMalformedWhereverTheyAre() {
        // Aalto parses text lazily; a bad character inside typed elements surfaces while we read it.
        for (String detail : new String[] {"<remarks>a\u0010</remarks>", "<contact callsign='x'>\u0010</contact>",
            "<x>\u0010</x>", "<contact callsign='\u0010'/>", "<remarks>&#16;</remarks>", "<x>\uFFFE</x>"}) {
            assertThatThrownBy(() -> reader.read(utf8(event(detail)))).as(detail)
                    .isInstanceOf(MalformedXmlException.class);
        }
    }

    @Test
    void prefixedNamesThatAreNotXmlNamesAreMalformed() throws CotDecodeException {
        // Aalto checks the part after a prefix loosely; each of these got through it.
        for (String detail : new String[] {"<chatgrp xml:='x'/>", "<x><xml:/></x>", "<__chat><chatgrp xml:=''/></__chat>",
            "<link xml:0a='1'/>", "<v:0a xmlns:v='urn:v'/>", "<x xmlns:v='urn:v' v:-a='1'/>", "<x xmlns:0v='urn:v'/>"}) {
            assertThatThrownBy(() -> reader.read(utf8(event(detail)))).as(detail)
                    .isInstanceOf(MalformedXmlException.class).hasMessageContaining("not an XML name");
        }
        assertThat(reader.readDetailContent("<v:a.b-c xmlns:v='urn:v' v:x\u00b7y='1'/>").unknown()).hasSize(1);
    }

    @Test
    void invalidUtf8IsMalformedEvenWhereAaltoWouldDecodeIt() {
        byte[] prefix = utf8(event("<remarks>a"));
        byte[] suffix = utf8("</remarks></detail></event>");
        // 0xF7 0x9A 0x97 0x99 (past U+10FFFF) became a lone surrogate in Aalto (found by fuzzing).
        for (byte[] bad : new byte[][] {{(byte) 0xF7, (byte) 0x9A, (byte) 0x97, (byte) 0x99},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xBC}, {(byte) 0x80}}) {
            byte[] doc = new byte[prefix.length + bad.length + suffix.length];
            System.arraycopy(prefix, 0, doc, 0, prefix.length);
            System.arraycopy(bad, 0, doc, prefix.length, bad.length);
            System.arraycopy(suffix, 0, doc, prefix.length + bad.length, suffix.length);
            assertThatThrownBy(() -> reader.read(doc)).isInstanceOf(MalformedXmlException.class)
                    .hasMessageContaining("invalid UTF-8");
        }
    }

    @Test
    void elementsInTheReservedXmlnsPrefixAreMalformed() {
        // Aalto throws a bare RuntimeException for these (found by fuzzing).
        assertThatThrownBy(() -> reader.read(utf8("<xmlns:event/>"))).isInstanceOf(MalformedXmlException.class);
        assertThatThrownBy(() -> reader.read(utf8(event("<xmlns:x/>")))).isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void structuralMistakesAreMalformed() {
        assertThatThrownBy(() -> reader.read(utf8("<evento/>"))).isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("<evento>");
        String twoPoints = event("").replace("<detail>", "<point lat=\"1\" lon=\"1\"/><detail>");
        assertThatThrownBy(() -> reader.read(utf8(twoPoints))).isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("more than one <point>");
        String twoDetails = event("").replace("</event>", "<detail/></event>");
        assertThatThrownBy(() -> reader.read(utf8(twoDetails))).isInstanceOf(MalformedXmlException.class);
        assertThatThrownBy(() -> reader.read(utf8(event("") + "<event/>"))).isInstanceOf(MalformedXmlException.class);
        for (String encoding : new String[] {"EBCDIC", "UTA-8", "UTF-16", "x"}) {
            assertThatThrownBy(() -> reader.read(utf8("<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>" + event(""))))
                    .as(encoding).isInstanceOf(MalformedXmlException.class);
        }
        assertThatThrownBy(() -> reader.read(new byte[0])).isInstanceOf(MalformedXmlException.class);
        byte[] utf16 = ("\uFEFF" + event("")).getBytes(StandardCharsets.UTF_16BE);
        assertThatThrownBy(() -> reader.read(utf16)).isInstanceOf(MalformedXmlException.class)
                .hasMessageContaining("UTF-16");
    }

    @Test
    void detailContentCannotBreakOutOfItsWrapper() {
        assertThatThrownBy(() -> reader.readDetailContent("</detail><detail>"))
                .isInstanceOf(MalformedXmlException.class);
        assertThatThrownBy(() -> reader.readDetailContent("<?xml version='1.0'?><x/>"))
                .isInstanceOf(MalformedXmlException.class);
        assertThatThrownBy(() -> reader.readDetailContent("<!DOCTYPE x><x/>"))
                .isInstanceOf(MalformedXmlException.class);
        assertThatThrownBy(() -> reader.readDetailContent("<a>")).isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void verbatimElementsMayNotRelyOnPrefixesBoundOutsideThem() throws CotDecodeException {
        String outer = event("<v:thing/>").replace("<event ", "<event xmlns:v=\"urn:v\" ");
        assertThatThrownBy(() -> reader.read(utf8(outer)))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("'v'");
        String onDetail = event("<x v:a=\"1\"/>").replace("<detail>", "<detail xmlns:v=\"urn:v\">");
        assertThatThrownBy(() -> reader.read(utf8(onDetail))).isInstanceOf(MalformedXmlException.class);
        // Declared outside but unused, or redeclared where used: fine.
        String unused = event("<x/>").replace("<event ", "<event xmlns:v=\"urn:v\" ");
        assertThat(reader.read(utf8(unused)).detail().unknown()).containsExactly("<x/>");
        String redeclared = event("<v:x xmlns:v=\"urn:w\"><v:y/></v:x>").replace("<event ", "<event xmlns:v=\"urn:v\" ");
        assertThat(reader.read(utf8(redeclared)).detail().unknown())
                .containsExactly("<v:x xmlns:v=\"urn:w\"><v:y/></v:x>");
    }

    @Test
    void depthLimitCountsFromInsideEvent() throws CotDecodeException {
        CotXmlReader shallow = new CotXmlReader(new CotLimits(64 * 1024, 4, 64, 512));
        // detail=1, a=2, b=3, c=4: at the limit.
        assertThat(shallow.read(utf8(event("<a><b><c/></b></a>"))).detail().unknown()).hasSize(1);
        assertThatThrownBy(() -> shallow.read(utf8(event("<a><b><c><d/></c></b></a>"))))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("deeper than 4");
        assertThatThrownBy(() -> shallow.readDetailContent("<a><b><c><d/></c></b></a>"))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("deeper than 4");
        String deep = "<x>".repeat(5_000) + "</x>".repeat(5_000);
        assertThatThrownBy(() -> reader.read(utf8(event(deep))))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("deeper than 32");
    }

    @Test
    void attributeLimitAppliesToEveryElement() throws CotDecodeException {
        CotXmlReader few = new CotXmlReader(new CotLimits(64 * 1024, 32, 9, 512));
        assertThat(few.read(utf8(event("<contact a=\"1\" b=\"2\" c=\"3\" d=\"4\" e=\"5\" f=\"6\" g=\"7\" h=\"8\" i=\"9\"/>")))
                .detail().contact().attributes().size()).isEqualTo(9);
        assertThatThrownBy(() -> few.read(utf8(event("<x a=\"1\" b=\"2\" c=\"3\" d=\"4\" e=\"5\" f=\"6\" g=\"7\" h=\"8\""
                + " i=\"9\" j=\"10\"/>")))).isInstanceOf(MalformedXmlException.class).hasMessageContaining("more than 9");
        // <event> itself has 7 attributes (version..stale); three more trip the limit there too.
        assertThatThrownBy(() -> few.read(utf8(event("").replace("<event ", "<event access=\"x\" qos=\"y\" opex=\"z\" "))))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("<event>");
        assertThatThrownBy(() -> few.read(utf8(event("<x xmlns:a=\"1\" xmlns:b=\"2\" xmlns:c=\"3\" xmlns:d=\"4\" "
                + "xmlns:e=\"5\" xmlns:f=\"6\" xmlns:g=\"7\" xmlns:h=\"8\" xmlns:i=\"9\" xmlns:j=\"10\"/>"))))
                .isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void detailChildrenLimit() throws CotDecodeException {
        CotXmlReader three = new CotXmlReader(new CotLimits(64 * 1024, 32, 64, 3));
        assertThat(three.read(utf8(event("<a/><b><c/><d/><e/></b><link/>"))).detail().links()).hasSize(1);
        assertThatThrownBy(() -> three.read(utf8(event("<a/><b/><link/><link/>"))))
                .isInstanceOf(MalformedXmlException.class).hasMessageContaining("more than 3 child elements");
        assertThatThrownBy(() -> three.readDetailContent("<a/><b/><c/><d/>"))
                .isInstanceOf(MalformedXmlException.class);
    }

    @Test
    void frameLimitIsCheckedBeforeParsing() throws CotDecodeException {
        byte[] pli = CotFixtures.bytes("atak-pli.xml");
        CotXmlReader exact = new CotXmlReader(CotLimits.DEFAULTS.withMaxFrameBytes(pli.length));
        assertThat(exact.read(pli).uid()).isEqualTo("ANDROID-589520ccfcd20f01");
        CotXmlReader small = new CotXmlReader(CotLimits.DEFAULTS.withMaxFrameBytes(pli.length - 1));
        assertThatThrownBy(() -> small.read(pli))
                .isInstanceOf(FrameTooLongException.class).hasMessageContaining(Integer.toString(pli.length));
        assertThatThrownBy(() -> small.readDetailContent("x".repeat(pli.length)))
                .isInstanceOf(FrameTooLongException.class);
    }
}
