package org.kizuna.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.detail.PrecisionLocation;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.xml.CotXmlWriter;
import org.kizuna.policy.release.ObligationApplier;
import org.kizuna.policy.release.Obligations;

/** Every shaped copy's bytes are exactly what encoding the copy would give, however they were made. */
class RoutedEventProperties {

    private static final TakProtoCodec CODEC = new TakProtoCodec(CotLimits.DEFAULTS);
    private static final ObligationApplier APPLIER = new ObligationApplier(new byte[32]);

    @Property(tries = 500)
    void aShapedCopyEncodesAsItself(@ForAll("events") CotEvent event, @ForAll("obligations") Obligations o,
                                    @ForAll @DoubleRange(min = -89, max = 89) double lat,
                                    @ForAll @DoubleRange(min = -179, max = 179) double lon) {
        CotEvent placed = event.toBuilder().point(new Point(lat, lon, 10, 5, 5)).build();
        RoutedEvent routed = new RoutedEvent(placed, null, CODEC);
        routed.bytes(WireFormat.XML); // the original encoded first, as when others got it unshaped
        RoutedEvent copy = routed.variant(o, e -> APPLIER.apply(e, o));
        assertThat(copy.bytes(WireFormat.XML)).isEqualTo(CotXmlWriter.toBytes(copy.event()));
        assertThat(copy.takMessage()).isEqualTo(CODEC.encode(copy.event()));
    }

    @Provide
    Arbitrary<CotEvent> events() {
        CotEvent shape = Events.marker("S-1", Duration.ofMinutes(5));
        CotEvent atak = Events.pli("ANDROID-2", "BRAVO");
        atak = atak.withDetail(atak.detail().toBuilder().precisionLocation(new PrecisionLocation(
                Attributes.of("altsrc", "GPS", "geopointsrc", "GPS"))).unknown(List.of("<__video url=\"rtsp://x\"/>")).build());
        return Arbitraries.of(Events.pli("ANDROID-1", "ALPHA"), Events.marker("M-1", Duration.ofMinutes(5)), atak,
                Events.chat("ANDROID-1", "ALPHA", "All Chat Rooms", "hi"),
                shape.withDetail(shape.detail().toBuilder().links(List.of(
                        new Link(Attributes.of("point", "35.1,139.2")), new Link(Attributes.of("point", "35.3,139.4"))))
                        .build()));
    }

    @Provide
    Arbitrary<Obligations> obligations() {
        return Arbitraries.of(new Obligations(Set.of(), 1000, false, Duration.ZERO),
                new Obligations(Set.of(), 10, false, Duration.ofMinutes(1)),
                new Obligations(Set.of("remarks", "contact"), 0, false, Duration.ZERO),
                new Obligations(Set.of("contact"), 5000, false, Duration.ZERO),
                new Obligations(Set.of(), 0, true, Duration.ZERO),
                new Obligations(Set.of(), 2000, true, Duration.ZERO));
    }
}
