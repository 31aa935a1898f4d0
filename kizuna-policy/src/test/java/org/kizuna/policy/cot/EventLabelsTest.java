package org.kizuna.policy.cot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kizuna.policy.testing.Policies.dissem;
import static org.kizuna.policy.testing.Policies.relTo;
import static org.kizuna.policy.testing.Policies.usa;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.cot.xml.CotXmlWriter;
import org.kizuna.policy.label.LabelFormatException;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.testing.Policies;

class EventLabelsTest {

    private static final Instant T = Instant.parse("2026-11-26T09:00:00Z");
    private final EventLabels labels = new EventLabels(Policies.USA);

    private static CotEvent event() {
        return CotEvent.builder("u-1", "a-f-G-U-C").times(T, T.plusSeconds(60))
                .detail(Detail.builder().unknown(List.of("<__video url=\"rtsp://x\"/>")).build()).build();
    }

    @Test
    void anUnlabelledEventHasNoLabel() throws Exception {
        assertThat(labels.read(event())).isEmpty();
        assertThat(labels.read(event().toBuilder().access("Undefined").build())).isEmpty();
    }

    @Test
    void readsTakAttributes() throws Exception {
        CotEvent e = event().toBuilder().access("SECRET").caveat("NF").releasableTo("REL TO usa, JPN").build();
        assertThat(labels.read(e)).contains(LabelSet.of(usa("SECRET", relTo("USA", "JPN"), dissem("NOFORN"))));
        CotEvent spaces = event().toBuilder().access("S").releasableTo("USA JPN").build();
        assertThat(labels.read(spaces)).contains(LabelSet.of(usa("SECRET", relTo("USA", "JPN"))));
    }

    @Test
    void refusesARestrictionItCannotHonour() {
        assertThatThrownBy(() -> labels.read(event().toBuilder().access("Undefined").releasableTo("USA").build()))
                .isInstanceOf(LabelFormatException.class);
        assertThatThrownBy(() -> labels.read(event().toBuilder().access("SECRET").caveat("EYESONLY").build()))
                .hasMessageContaining("EYESONLY");
        assertThatThrownBy(() -> labels.read(event().toBuilder().access("SECRET").releasableTo("USA, MORDOR").build()))
                .hasMessageContaining("MORDOR");
    }

    @Test
    void aClassificationThePolicyDoesNotDefineIsRefusedNotDefaulted() throws Exception {
        // a marking the node does not understand must never become the default label
        assertThatThrownBy(() -> labels.read(event().toBuilder().access("COSMIC TOP SECRET").build()))
                .isInstanceOf(LabelFormatException.class).hasMessageContaining("COSMIC TOP SECRET");
        assertThatThrownBy(() -> labels.readFromClient(event().toBuilder().access("unrestricted").build()))
                .isInstanceOf(LabelFormatException.class);
        // what TAK clients write when the user chose nothing is no marking, in any case
        assertThat(labels.read(event().toBuilder().access("UNDEFINED").build())).isEmpty();
    }

    @Test
    void aClientsTwoMarkingsMustAgree() throws Exception {
        CotEvent both = labels.write(event(), LabelSet.of(usa("CONFIDENTIAL")));
        assertThat(labels.readFromClient(both)).contains(LabelSet.of(usa("CONFIDENTIAL")));
        CotEvent disagreeing = both.toBuilder().access("UNCLASSIFIED").build();
        assertThatThrownBy(() -> labels.readFromClient(disagreeing)).isInstanceOf(LabelFormatException.class)
                .hasMessageContaining("<__seclabel>");
        // stored and forwarded events keep reading the element the node wrote
        assertThat(labels.read(disagreeing)).contains(LabelSet.of(usa("CONFIDENTIAL")));
    }

    @Test
    void aMarkingWithoutReleasabilityCanBeLimitedToTheOriginator() {
        SecurityLabel confidential = usa("CONFIDENTIAL");
        assertThat(labels.originatorOnlyWhenUnreleasable(confidential, "USA")).isEqualTo(usa("CONFIDENTIAL", relTo("USA")));
        SecurityLabel released = usa("CONFIDENTIAL", relTo("USA", "JPN"));
        assertThat(labels.originatorOnlyWhenUnreleasable(released, "USA")).isSameAs(released);
        SecurityLabel foreign = SecurityLabel.of("JPN", "HI");
        assertThat(labels.originatorOnlyWhenUnreleasable(foreign, "USA")).isSameAs(foreign);
    }

    @Test
    void writesBothFormsAndReadsThemBackThroughTheCodec() throws Exception {
        LabelSet set = LabelSet.of(usa("SECRET", relTo("JPN", "USA", "AUS"), dissem("ORCON")))
                .withAlternative(SecurityLabel.of("JPN", "GOKUHI", relTo("JPN")));
        CotEvent written = labels.write(event().toBuilder().access("TOP SECRET").build(), set);
        assertThat(written.access()).isEqualTo("SECRET");
        assertThat(written.caveat()).isEqualTo("ORCON");
        assertThat(written.releasableTo()).isEqualTo("USA, AUS, JPN");
        CotEvent wire = new CotXmlReader(org.kizuna.cot.CotLimits.DEFAULTS).read(CotXmlWriter.toBytes(written));
        assertThat(labels.read(wire)).contains(set);
        assertThat(wire.detail().unknown()).anyMatch(x -> x.startsWith("<__video"));
        // writing again replaces the label rather than adding a second one
        CotEvent again = labels.write(written, LabelSet.of(usa("UNCLASSIFIED")));
        assertThat(again.detail().unknown()).filteredOn(EventLabels::isSecLabel).hasSize(1);
        assertThat(labels.read(again)).contains(LabelSet.of(usa("UNCLASSIFIED")));
    }

    @Test
    void theSecLabelWinsOverAttributes() throws Exception {
        CotEvent e = labels.write(event(), LabelSet.of(usa("CONFIDENTIAL"))).toBuilder().access("UNCLASSIFIED").build();
        assertThat(labels.read(e)).contains(LabelSet.of(usa("CONFIDENTIAL")));
        assertThat(labels.banner(LabelSet.of(usa("SECRET", relTo("JPN", "USA"))))).contains("SECRET//REL TO USA, JPN");
    }
}
