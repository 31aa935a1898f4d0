package org.kizuna.cot.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.ChatGroup;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.detail.Marti;
import org.kizuna.cot.detail.MartiDest;
import org.kizuna.cot.detail.Remarks;
import org.kizuna.cot.detail.Track;

class CotXmlWriterTest {

    private static final Instant NOW = Instant.parse("2026-11-26T05:42:11.412Z");

    private static CotEvent.Builder pli() {
        return CotEvent.builder("ANDROID-1", "a-f-G-U-C").how("h-e").times(NOW, NOW.plusSeconds(375))
                .point(new Point(35.7482251, 139.3482901, 128.447, 9.9, 9_999_999.0));
    }

    @Test
    void writesTheEventShapeTakClientsExpect() {
        CotEvent e = pli().detail(Detail.builder()
                .contact(new Contact(Attributes.of("endpoint", "*:-1:stcp", "callsign", "KESTREL-21")))
                .track(Track.of(1.26, 273.1))
                .unknown(List.of("<usericon iconsetpath='x'/>")).build()).build();
        assertThat(CotXmlWriter.toXml(e)).isEqualTo("<event version=\"2.0\" uid=\"ANDROID-1\" type=\"a-f-G-U-C\""
                + " how=\"h-e\" time=\"2026-11-26T05:42:11.412Z\" start=\"2026-11-26T05:42:11.412Z\""
                + " stale=\"2026-11-26T05:48:26.412Z\"><point lat=\"35.7482251\" lon=\"139.3482901\" hae=\"128.447\""
                + " ce=\"9.9\" le=\"9999999.0\"/><detail><contact endpoint=\"*:-1:stcp\" callsign=\"KESTREL-21\"/>"
                + "<track speed=\"1.26\" course=\"273.1\"/><usericon iconsetpath='x'/></detail></event>");
        assertThat(CotXmlWriter.toBytes(e)).isEqualTo(CotXmlWriter.toXml(e).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void optionalEventAttributesOnlyWhenPresentAndEmptyDetailSelfCloses() {
        String bare = CotXmlWriter.toXml(pli().build());
        assertThat(bare).doesNotContain("access", "qos", "opex", "caveat", "releasableTo").endsWith("<detail/></event>");
        String full = CotXmlWriter.toXml(pli().access("Undefined").qos("1-r-c").opex("e").caveat("FOUO")
                .releasableTo("JPN USA").build());
        assertThat(full).contains(" access=\"Undefined\" qos=\"1-r-c\" opex=\"e\" caveat=\"FOUO\" releasableTo=\"JPN USA\">");
    }

    @Test
    void escapesAttributesAndTextSoTheyReadBackUnchanged() throws CotDecodeException {
        String awkward = "a&b<c>d\"e'f\tg\nh\ri ]]> \u65e5\u672c \uD83D\uDE00";
        CotEvent e = pli().uid(awkward).detail(Detail.builder()
                .remarks(new Remarks(awkward, Attributes.of("to", awkward))).build()).build();
        String xml = CotXmlWriter.toXml(e);
        assertThat(xml).contains("uid=\"a&amp;b&lt;c&gt;d&quot;e'f&#9;g&#10;h&#13;i ]]&gt; \u65e5\u672c \uD83D\uDE00\"");
        assertThat(xml).contains(">a&amp;b&lt;c&gt;d\"e'f\tg\nh&#13;i ]]&gt; \u65e5\u672c \uD83D\uDE00</remarks>");
        assertThat(new CotXmlReader(CotLimits.DEFAULTS).read(CotXmlWriter.toBytes(e))).isEqualTo(e);
    }

    @Test
    void refusesWhatXmlCannotCarry() {
        assertThatThrownBy(() -> CotXmlWriter.toXml(pli().uid("bell\u0007").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0007");
        assertThatThrownBy(() -> CotXmlWriter.toXml(pli().how("\uD800").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CotXmlWriter.detailContent(Detail.builder().remarks(Remarks.of("\uFFFF")).build()))
                .isInstanceOf(IllegalArgumentException.class);
        for (String name : new String[] {"", "a b", "1a", "xmlns", "v:x", "a=\"1\" onload"}) {
            Detail d = Detail.builder().contact(new Contact(Attributes.of(name, "x"))).build();
            assertThatThrownBy(() -> CotXmlWriter.detailContent(d)).as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void xmlPrefixedAttributesAreWritable() throws CotDecodeException {
        Detail d = Detail.builder().contact(new Contact(Attributes.of("xml:lang", "ja", "xml:xmlns", "x"))).build();
        String xml = CotXmlWriter.detailContent(d);
        assertThat(xml).isEqualTo("<contact xml:lang=\"ja\" xml:xmlns=\"x\"/>");
        assertThat(new CotXmlReader(CotLimits.DEFAULTS).readDetailContent(xml)).isEqualTo(d);
    }

    @ParameterizedTest
    @CsvSource({"0.0, 0.0", "-0.0, -0.0", "35.7482251, 35.7482251", "9999999.0, 9999999.0", "1.0E7, 10000000",
        "-1.5E10, -15000000000", "1.0E-4, 0.00010", "1.0E-10, 0.00000000010"})
    void numbersArePlainDecimalsThatParseBackExactly(double value, String expected) {
        StringBuilder sb = new StringBuilder();
        CotXmlWriter.number(sb, value);
        assertThat(sb.toString()).isEqualTo(expected);
        assertThat(Double.compare(Double.parseDouble(sb.toString()), value)).isZero();
    }

    @Test
    void extremeNumbersStayPlainAndExact() {
        for (double d : new double[] {Double.MIN_VALUE, -Double.MAX_VALUE, 2e23, 1.0 / 3}) {
            StringBuilder sb = new StringBuilder();
            CotXmlWriter.number(sb, d);
            assertThat(sb.toString()).doesNotContain("E");
            assertThat(Double.parseDouble(sb.toString())).isEqualTo(d);
        }
    }

    @Test
    void timesAreTruncatedToMilliseconds() {
        Instant sub = Instant.parse("2026-11-26T05:42:11.412999999Z");
        assertThat(CotXmlWriter.toXml(pli().times(sub, sub).build()))
                .contains("time=\"2026-11-26T05:42:11.412Z\" start=\"2026-11-26T05:42:11.412Z\"");
    }

    @Test
    void detailContentWritesTypedElementsThenUnknownInOrder() {
        Detail d = Detail.builder()
                .unknown(List.of("<b/>", "<a x='1'>t</a>"))
                .marti(Marti.to(new MartiDest(Attributes.of("callsign", "OSPREY-7")), new MartiDest(Attributes.of("uid", "u"))))
                .chat(new Chat(Attributes.of("id", "All Chat Rooms"), new ChatGroup(Attributes.of("uid0", "me"))))
                .links(List.of(new Link(Attributes.of("point", "1,2")), new Link(Attributes.of("point", "3,4"))))
                .remarks(Remarks.of(""))
                .contact(new Contact(Attributes.empty()))
                .build();
        assertThat(CotXmlWriter.detailContent(d)).isEqualTo("<contact/><remarks/><link point=\"1,2\"/>"
                + "<link point=\"3,4\"/><__chat id=\"All Chat Rooms\"><chatgrp uid0=\"me\"/></__chat>"
                + "<marti><dest callsign=\"OSPREY-7\"/><dest uid=\"u\"/></marti><b/><a x='1'>t</a>");
        assertThat(CotXmlWriter.detailContent(Detail.builder().marti(Marti.to())
                .chat(new Chat(Attributes.empty(), null)).build())).isEqualTo("<__chat/><marti/>");
        assertThat(CotXmlWriter.detailContent(Detail.EMPTY)).isEmpty();
    }
}
