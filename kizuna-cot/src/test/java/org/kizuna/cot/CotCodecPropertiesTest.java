package org.kizuna.cot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.cot.xml.CotXmlWriter;

/** The codecs agree with each other and with themselves, for every event the generator makes. */
class CotCodecPropertiesTest {

    private final CotXmlReader xml = new CotXmlReader(CotLimits.DEFAULTS);
    private final TakProtoCodec proto = new TakProtoCodec(CotLimits.DEFAULTS);

    @Provide
    Arbitrary<CotEvent> events() {
        return CotArbitraries.events();
    }

    @Provide
    Arbitrary<Detail> details() {
        return CotArbitraries.details();
    }

    @Property(tries = 2000)
    void xmlRoundTripKeepsTheModelAndTheText(@ForAll("events") CotEvent event) throws CotDecodeException {
        String text = CotXmlWriter.toXml(event);
        CotEvent back = xml.read(text.getBytes(StandardCharsets.UTF_8));
        assertThat(back).isEqualTo(event);
        assertThat(CotXmlWriter.toXml(back)).isEqualTo(text);
    }

    @Property(tries = 2000)
    void protoRoundTripKeepsTheModelAndTheBytes(@ForAll("events") CotEvent event) throws CotDecodeException {
        byte[] bytes = proto.encode(event);
        CotEvent back = proto.decode(bytes);
        assertThat(back).isEqualTo(event);
        assertThat(proto.encode(back)).isEqualTo(bytes);
    }

    @Property(tries = 2000)
    void xmlAndProtoGiveTheSameModel(@ForAll("events") CotEvent event) throws CotDecodeException {
        CotEvent fromXml = xml.read(CotXmlWriter.toBytes(event));
        CotEvent fromProto = proto.decode(proto.encode(event));
        assertThat(fromProto).isEqualTo(fromXml);
        // and across: XML in, protobuf through, XML again. (Typed messages do not keep attribute
        // order, so the text may differ; the model may not.)
        assertThat(xml.read(CotXmlWriter.toBytes(proto.decode(proto.encode(fromXml))))).isEqualTo(event);
    }

    @Property(tries = 2000)
    void movingAnEncodedEventsPointEqualsEncodingItThere(@ForAll("events") CotEvent event,
                                                         @ForAll("points") Point elsewhere) {
        byte[] moved = CotXmlWriter.withPoint(CotXmlWriter.toBytes(event), elsewhere);
        assertThat(moved).isEqualTo(CotXmlWriter.toBytes(event.toBuilder().point(elsewhere).build()));
        if (event.detail().precisionLocation() != null) {
            CotEvent coarse = event.toBuilder().point(elsewhere)
                    .detail(event.detail().toBuilder().precisionLocation(null).build()).build();
            assertThat(CotXmlWriter.withPoint(CotXmlWriter.toBytes(event), elsewhere, true))
                    .isEqualTo(CotXmlWriter.toBytes(coarse));
        }
    }

    @Provide
    Arbitrary<Point> points() {
        return CotArbitraries.points();
    }

    @Property(tries = 2000)
    void detailContentReadsBackAsTheSameDetail(@ForAll("details") Detail detail) throws CotDecodeException {
        assertThat(xml.readDetailContent(CotXmlWriter.detailContent(detail))).isEqualTo(detail);
    }
}
