package org.kizuna.cot.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotDecodeException.BadProtobufException;
import org.kizuna.cot.CotDecodeException.FrameTooLongException;
import org.kizuna.cot.CotDecodeException.InvalidEventException;
import org.kizuna.cot.CotDecodeException.MalformedXmlException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotFixtures;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.detail.Status;
import org.kizuna.cot.detail.Takv;
import org.kizuna.cot.detail.Track;
import org.kizuna.cot.proto.wire.TakProtocol;
import org.kizuna.cot.proto.wire.TakProtocol.TakMessage;
import org.kizuna.cot.xml.CotXmlReader;

class TakProtoCodecTest {

    private final CotXmlReader xml = new CotXmlReader(CotLimits.DEFAULTS);
    private final TakProtoCodec codec = new TakProtoCodec(CotLimits.DEFAULTS);

    static Stream<String> goodFixtures() {
        return CotFixtures.GOOD.stream();
    }

    private CotEvent fixture(String name) throws CotDecodeException {
        return xml.read(CotFixtures.bytes(name));
    }

    private static TakProtocol.CotEvent.Builder minimalProto() {
        return TakProtocol.CotEvent.newBuilder().setUid("IOS-1").setType("a-f-G-U-C").setHow("m-g")
                .setSendTime(1_795_000_000_000L).setStartTime(1_795_000_000_000L).setStaleTime(1_795_000_060_000L)
                .setLat(35.0).setLon(139.0).setHae(999_999).setCe(999_999).setLe(999_999);
    }

    private static byte[] message(TakProtocol.CotEvent.Builder e) {
        return TakMessage.newBuilder().setCotEvent(e).build().toByteArray();
    }

    @ParameterizedTest
    @MethodSource("goodFixtures")
    void everyFixtureSurvivesModelProtoModel(String name) throws CotDecodeException {
        CotEvent e = fixture(name);
        byte[] bytes = codec.encode(e);
        CotEvent back = codec.decode(bytes);
        assertThat(back).isEqualTo(e);
        assertThat(codec.encode(back)).isEqualTo(bytes);
    }

    @Test
    void atakPliUsesTypedMessagesWhereTheyHoldEverything() throws CotDecodeException {
        TakProtocol.CotEvent e = codec.toProto(fixture("atak-pli.xml")).getCotEvent();
        assertThat(e.getUid()).isEqualTo("ANDROID-589520ccfcd20f01");
        assertThat(e.getSendTime()).isEqualTo(Instant.parse("2026-11-26T05:42:11.412Z").toEpochMilli());
        assertThat(e.getStaleTime() - e.getStartTime()).isEqualTo(375_000L);
        assertThat(e.getLat()).isEqualTo(35.7482251);
        assertThat(e.getLe()).isEqualTo(9_999_999.0);
        TakProtocol.Detail d = e.getDetail();
        assertThat(d.getTakv().getPlatform()).isEqualTo("ATAK-CIV");
        assertThat(d.getGroup().getName()).isEqualTo("Cyan");
        assertThat(d.getGroup().getRole()).isEqualTo("Team Lead");
        assertThat(d.getPrecisionLocation().getAltsrc()).isEqualTo("GPS");
        assertThat(d.getStatus().getBattery()).isEqualTo(87);
        assertThat(d.getTrack().getSpeed()).isEqualTo(1.26);
        assertThat(d.getTrack().getCourse()).isEqualTo(273.1);
        // contact carries a phone the typed message has no field for, so it stays XML.
        assertThat(d.hasContact()).isFalse();
        assertThat(d.getXmlDetail()).isEqualTo("<contact endpoint=\"*:-1:stcp\" phone=\"+819000000000\""
                + " callsign=\"KESTREL-21\"/><uid Droid=\"KESTREL-21\"/>");
    }

    @Test
    void typedOnlyForExactlyTheExpectedAttributesAndValuesThatComeBackUnchanged() {
        TakProtocol.Detail d = codec.toProto(CotEvent.builder("u", "a-f-G").detail(Detail.builder()
                .contact(new Contact(Attributes.of("callsign", "HERON-3", "endpoint", "")))
                .status(new Status(Attributes.of("battery", "087")))
                .track(new Track(Attributes.of("speed", "190", "course", "12.5")))
                .takv(new Takv(Attributes.of("device", "iPhone", "platform", "iTAK", "os", "17")))
                .build()).build()).getCotEvent().getDetail();
        assertThat(d.hasContact() || d.hasStatus() || d.hasTrack() || d.hasTakv()).isFalse();
        assertThat(d.getXmlDetail()).contains("endpoint=\"\"", "battery=\"087\"", "speed=\"190\"", "os=\"17\"");

        TakProtocol.Detail typed = codec.toProto(CotEvent.builder("u", "a-f-G").detail(Detail.builder()
                .contact(new Contact(Attributes.of("callsign", "HERON-3")))
                .status(new Status(Attributes.of("battery", "4294967295")))
                .track(Track.of(190, 12.5)).build()).build()).getCotEvent().getDetail();
        assertThat(typed.getContact().getCallsign()).isEqualTo("HERON-3");
        assertThat(typed.getContact().getEndpoint()).isEmpty();
        assertThat(typed.getStatus().getBattery()).isEqualTo(-1);
        assertThat(typed.getTrack().getSpeed()).isEqualTo(190.0);
        assertThat(typed.getXmlDetail()).isEmpty();
    }

    @Test
    void decodesWhatAtakSends() throws CotDecodeException {
        TakProtocol.Detail detail = TakProtocol.Detail.newBuilder()
                .setContact(TakProtocol.Contact.newBuilder().setCallsign("HERON-3").setEndpoint("*:-1:stcp"))
                .setGroup(TakProtocol.Group.newBuilder().setName("Cyan").setRole("Team Member"))
                .setStatus(TakProtocol.Status.newBuilder().setBattery(55))
                .setTrack(TakProtocol.Track.newBuilder().setSpeed(0).setCourse(90))
                .setXmlDetail("<uid Droid='HERON-3'/><link uid='x' relation='p-p'/><vendor z='1'/>").build();
        CotEvent e = codec.decode(message(minimalProto().setDetail(detail).setCaveat("FOUO").setReleaseableTo("JPN USA")));
        assertThat(e.uid()).isEqualTo("IOS-1");
        assertThat(e.point()).isEqualTo(new Point(35, 139, 999_999, 999_999, 999_999));
        assertThat(e.time()).isEqualTo(Instant.ofEpochMilli(1_795_000_000_000L));
        assertThat(e.caveat()).isEqualTo("FOUO");
        assertThat(e.releasableTo()).isEqualTo("JPN USA");
        assertThat(e.access()).isEmpty();
        Detail d = e.detail();
        assertThat(d.callsign()).contains("HERON-3");
        assertThat(d.contact().endpoint()).contains("*:-1:stcp");
        assertThat(d.group().role()).contains("Team Member");
        assertThat(d.status().battery()).contains(55);
        assertThat(d.track().attributes()).isEqualTo(Attributes.of("speed", "0.0", "course", "90.0"));
        assertThat(d.droid().droid()).contains("HERON-3");
        assertThat(d.links()).hasSize(1);
        assertThat(d.unknown()).containsExactly("<vendor z='1'/>");
    }

    @Test
    void aSecondCopyKeepsItsOrderThroughProto() throws CotDecodeException {
        CotEvent e = xml.read(("<event uid='u' type='a-f-G' time='2026-01-01T00:00:00Z' start='2026-01-01T00:00:00Z'"
                + " stale='2026-01-01T00:01:00Z'><point lat='1' lon='2'/><detail><contact callsign='FIRST'/>"
                + "<contact callsign='SECOND'/></detail></event>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(e.detail().unknown()).containsExactly("<contact callsign='SECOND'/>");
        TakMessage m = codec.toProto(e);
        assertThat(m.getCotEvent().getDetail().hasContact()).isFalse();
        assertThat(codec.fromProto(m)).isEqualTo(e);
    }

    @Test
    void aTypedMessageWinsOverTheSameElementInXmlDetail() throws CotDecodeException {
        TakProtocol.Detail detail = TakProtocol.Detail.newBuilder()
                .setContact(TakProtocol.Contact.newBuilder().setCallsign("TYPED"))
                .setXmlDetail("<contact callsign='FROM-XML'/>").build();
        CotEvent e = codec.decode(message(minimalProto().setDetail(detail)));
        assertThat(e.detail().callsign()).contains("TYPED");
        assertThat(e.detail().unknown()).containsExactly("<contact callsign=\"FROM-XML\"/>");
        assertThat(codec.decode(codec.encode(e))).isEqualTo(e);
    }

    @Test
    void decodesFromTheMiddleOfABuffer() throws CotDecodeException {
        byte[] m = message(minimalProto());
        byte[] buf = new byte[m.length + 10];
        System.arraycopy(m, 0, buf, 5, m.length);
        assertThat(codec.decode(buf, 5, m.length).uid()).isEqualTo("IOS-1");
    }

    @Test
    void refusesBytesThatAreNotATakMessageWithAnEvent() {
        assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xbf, 0x01, (byte) 0xbf, 0x12}))
                .isInstanceOf(BadProtobufException.class);
        assertThatThrownBy(() -> codec.decode("<event/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(BadProtobufException.class);
        byte[] controlOnly = TakMessage.newBuilder()
                .setTakControl(TakProtocol.TakControl.newBuilder().setMinProtoVersion(1)).build().toByteArray();
        assertThatThrownBy(() -> codec.decode(controlOnly))
                .isInstanceOf(BadProtobufException.class).hasMessageContaining("no cotEvent");
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(BadProtobufException.class);
    }

    @Test
    void refusesMessagesOverTheFrameLimit() throws CotDecodeException {
        byte[] m = message(minimalProto());
        assertThat(new TakProtoCodec(CotLimits.DEFAULTS.withMaxFrameBytes(m.length)).decode(m).uid()).isEqualTo("IOS-1");
        assertThatThrownBy(() -> new TakProtoCodec(CotLimits.DEFAULTS.withMaxFrameBytes(m.length - 1)).decode(m))
                .isInstanceOf(FrameTooLongException.class);
    }

    @Test
    void refusesEventsTheModelOrXmlCannotHold() {
        List<TakProtocol.CotEvent.Builder> invalid = List.of(
                minimalProto().setUid(""),
                minimalProto().setType(""),
                minimalProto().setLat(95),
                minimalProto().setLon(Double.NaN),
                minimalProto().setCe(-1),
                minimalProto().setStaleTime(1_794_999_999_999L),
                minimalProto().setStaleTime(-1L),
                minimalProto().setStartTime(253_402_300_800_000L),
                minimalProto().setUid("bell\u0007"),
                minimalProto().setOpex("\uFFFE"),
                minimalProto().setDetail(TakProtocol.Detail.newBuilder()
                        .setContact(TakProtocol.Contact.newBuilder().setCallsign("nul\u0000"))));
        for (TakProtocol.CotEvent.Builder e : invalid) {
            assertThatThrownBy(() -> codec.decode(message(e))).as(e.toString())
                    .isInstanceOf(InvalidEventException.class);
        }
    }

    @Test
    void xmlDetailGetsTheXmlReadersHardening() {
        for (String bad : new String[] {"<a>", "<!DOCTYPE x [<!ENTITY e 'x'>]><a>&e;</a>", "<a>&e;</a>"}) {
            TakProtocol.CotEvent.Builder e = minimalProto().setDetail(TakProtocol.Detail.newBuilder().setXmlDetail(bad));
            assertThatThrownBy(() -> codec.decode(message(e))).as(bad).isInstanceOf(MalformedXmlException.class);
        }
        TakProtoCodec shallow = new TakProtoCodec(new CotLimits(64 * 1024, 2, 64, 512));
        TakProtocol.CotEvent.Builder deep = minimalProto()
                .setDetail(TakProtocol.Detail.newBuilder().setXmlDetail("<a><b/></a>"));
        assertThatThrownBy(() -> shallow.decode(message(deep))).isInstanceOf(MalformedXmlException.class);
    }
}
