package org.kizuna.policy.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.detail.PrecisionLocation;
import org.kizuna.cot.detail.Remarks;
import org.kizuna.cot.detail.TeamGroup;
import org.kizuna.cot.xml.CotXmlWriter;

class ObligationApplierTest {

    private static final Instant T = Instant.parse("2026-11-26T09:00:00Z");
    private final ObligationApplier applier = new ObligationApplier("0123456789abcdef-test-key".getBytes());

    static CotEvent event(double lat, double lon, double ce) {
        Detail d = Detail.builder()
                .contact(new Contact(Attributes.of("callsign", "KESTREL-21", "endpoint", "*:-1:stcp")))
                .group(new TeamGroup(Attributes.of("name", "Cyan", "role", "Team Lead")))
                .remarks(Remarks.of("1st Bn HQ, commander present"))
                .precisionLocation(new PrecisionLocation(Attributes.of("geopointsrc", "GPS")))
                .links(List.of(new Link(Attributes.of("uid", "v1", "point", lat + "," + lon + ",12.5"))))
                .unknown(List.of("<__video url=\"rtsp://cam\"/>", "<__seclabel><x/></__seclabel>"))
                .build();
        return CotEvent.builder("ANDROID-359312", "a-f-G-U-C-I").times(T, T.plusSeconds(60))
                .point(new Point(lat, lon, 40, ce, 5)).detail(d).build();
    }

    @Property
    void everyObligationIsApplied(@ForAll("events") CotEvent e, @ForAll("obligations") Obligations o) {
        CotEvent out = applier.apply(e, o);
        String xml = CotXmlWriter.toXml(out);
        for (String name : o.strip()) {
            assertThat(xml).doesNotContain("<" + name + " ").doesNotContain("<" + name + ">").doesNotContain("<" + name + "/");
        }
        if (o.coarsenMetres() > 0) {
            assertThat(out.point().ce()).isGreaterThanOrEqualTo(o.coarsenMetres());
            assertThat(metresBetween(e.point(), out.point())).isLessThanOrEqualTo(o.coarsenMetres());
            assertThat(out.detail().precisionLocation()).isNull();
            // the result is the centre of its grid cell: nothing of the exact position survives
            double[] again = ObligationApplier.snap(out.point().lat(), out.point().lon(), o.coarsenMetres());
            assertThat(again[0]).isCloseTo(out.point().lat(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(again[1]).isCloseTo(out.point().lon(), org.assertj.core.data.Offset.offset(1e-9));
            for (Link l : out.detail().links()) {
                String[] p = l.point().orElseThrow().split(",");
                double[] v = ObligationApplier.snap(Double.parseDouble(p[0]), Double.parseDouble(p[1]), o.coarsenMetres());
                assertThat(v[0]).isCloseTo(Double.parseDouble(p[0]), org.assertj.core.data.Offset.offset(1e-9));
                assertThat(v[1]).isCloseTo(Double.parseDouble(p[1]), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
        if (o.dropIdentity()) {
            assertThat(xml).doesNotContain("KESTREL").doesNotContain("ANDROID-359312").doesNotContain("Bn HQ")
                    .doesNotContain("rtsp").doesNotContain("Cyan");
            assertThat(out.type().value()).isEqualTo("a-f-G");
        }
        // the label always travels with what is released
        assertThat(xml).contains("<__seclabel>");
    }

    private static double metresBetween(Point a, Point b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a.lat())) * Math.cos(Math.toRadians(b.lat())) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
    }

    @Provide
    Arbitrary<CotEvent> events() {
        return Combinators.combine(Arbitraries.doubles().between(-80, 80), Arbitraries.doubles().between(-179, 179),
                Arbitraries.of(3.0, 50.0, Point.UNKNOWN)).as(ObligationApplierTest::event);
    }

    @Provide
    Arbitrary<Obligations> obligations() {
        return Combinators.combine(
                Arbitraries.of("remarks", "contact", "__group", "__video", "link", "precisionlocation").set().ofMaxSize(3),
                Arbitraries.of(0.0, 100.0, 1000.0, 10_000.0), Arbitraries.of(true, false),
                Arbitraries.of(Duration.ZERO, Duration.ofMinutes(5)))
                .as(Obligations::new);
    }

    @Test
    void pseudonymsAreStableAndKeyed() {
        ObligationApplier other = new ObligationApplier("another-key-of-16-bytes".getBytes());
        assertThat(applier.pseudonym("ANDROID-1")).isEqualTo(applier.pseudonym("ANDROID-1"))
                .isNotEqualTo(applier.pseudonym("ANDROID-2")).isNotEqualTo(other.pseudonym("ANDROID-1"))
                .startsWith("anon-");
    }

    @Test
    void theLabelAndFlowTagsCannotBeStripped() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Obligations(Set.of("__seclabel"), 0, false, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Obligations(Set.of("_flow-tags_"), 0, false, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void variantsIgnoreTheDelay() {
        Obligations delayed = new Obligations(Set.of("remarks"), 0, false, Duration.ofMinutes(5));
        assertThat(delayed.variant()).isEqualTo(new Obligations(Set.of("remarks"), 0, false, Duration.ZERO));
        assertThat(delayed.altersEvent()).isTrue();
        assertThat(new Obligations(Set.of(), 0, false, Duration.ofMinutes(1)).altersEvent()).isFalse();
    }

    @Test
    void aDeleteNamesTheItemByThePseudonymItWasReleasedUnder() {
        Obligations anonymous = new Obligations(Set.of(), 0, true, Duration.ZERO);
        CotEvent released = applier.apply(event(35, 139, 5), anonymous);
        CotEvent delete = CotEvent.builder("del-1", "t-x-d-d").times(T, T.plusSeconds(20))
                .detail(Detail.builder().links(List.of(new Link(Attributes.of("uid", "ANDROID-359312", "relation", "none",
                        "type", "a-f-G-U-C-I")))).build()).build();
        CotEvent out = applier.apply(delete, anonymous);
        assertThat(out.detail().links()).singleElement().satisfies(l -> assertThat(l.uid()).contains(released.uid()));
        assertThat(CotXmlWriter.toXml(out)).doesNotContain("ANDROID-359312");
    }
}
