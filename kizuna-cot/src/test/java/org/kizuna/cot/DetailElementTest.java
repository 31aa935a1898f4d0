package org.kizuna.cot;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.cot.xml.CotXmlWriter;

/** The registry covers every typed component of {@link Detail}, each under its wire name. */
class DetailElementTest {

    /** Every typed element present, as a TAK client sends it, plus a verbatim one. */
    static final Detail FULL = Detail.builder()
            .contact(new Contact(Attributes.of("endpoint", "*:-1:stcp", "callsign", "KESTREL-21")))
            .group(new TeamGroup(Attributes.of("name", "Cyan", "role", "Team Lead")))
            .takv(new Takv(Attributes.of("device", "Pixel 7", "platform", "ATAK-CIV", "os", "34", "version", "5.2")))
            .track(Track.of(1.26, 273.1))
            .status(new Status(Attributes.of("battery", "87")))
            .precisionLocation(new PrecisionLocation(Attributes.of("geopointsrc", "GPS", "altsrc", "GPS")))
            .droid(new DroidUid(Attributes.of("Droid", "KESTREL-21")))
            .remarks(Remarks.of("at the bridge"))
            .links(List.of(new Link(Attributes.of("uid", "ANDROID-2", "relation", "p-p", "type", "a-f-G"))))
            .chat(new Chat(Attributes.of("chatroom", "All Chat Rooms", "id", "All Chat Rooms"),
                    new ChatGroup(Attributes.of("uid0", "ANDROID-1", "id", "All Chat Rooms"))))
            .marti(Marti.to(new MartiDest(Attributes.of("callsign", "OSPREY-7"))))
            .flowTags(new FlowTags(Attributes.of("kizuna-jpn", "2026-11-26T05:42:11.412Z")))
            .unknown(List.of("<__video url=\"rtsp://cam\"/>"))
            .build();

    private static final Instant NOW = Instant.parse("2026-11-26T05:42:11.412Z");

    @Test
    void everyTypedComponentOfDetailIsRegistered() {
        Set<String> components = Arrays.stream(Detail.class.getRecordComponents()).map(RecordComponent::getName)
                .filter(name -> !name.equals("unknown")).collect(Collectors.toSet());
        Set<String> registered = DetailElement.all().stream().map(DetailElement::component).collect(Collectors.toSet());
        assertThat(registered)
                .as("each typed component of Detail needs a DetailElement (name, presence, removal), or release"
                        + " obligations cannot strip it")
                .isEqualTo(components);
        assertThat(DetailElement.all()).hasSameSizeAs(components);
    }

    @Test
    void theSampleHoldsEveryElement() {
        for (DetailElement e : DetailElement.all()) {
            assertThat(e.isPresentIn(FULL)).as(e.name()).isTrue();
            assertThat(e.isPresentIn(Detail.EMPTY)).as(e.name()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(DetailElement.class)
    void removingAnElementEmptiesItsComponentAndNoOther(DetailElement e) throws ReflectiveOperationException {
        Detail without = e.removeFrom(FULL.toBuilder()).build();
        assertThat(e.isPresentIn(without)).isFalse();
        for (RecordComponent c : Detail.class.getRecordComponents()) {
            Object before = c.getAccessor().invoke(FULL);
            Object after = c.getAccessor().invoke(without);
            if (c.getName().equals(e.component())) {
                assertThat(after).as(c.getName()).isIn(null, List.of());
            } else {
                assertThat(after).as(c.getName()).isEqualTo(before);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DetailElement.class)
    void theNameIsTheOneOnTheWire(DetailElement e) throws CotDecodeException {
        Detail only = only(e);
        String xml = CotXmlWriter.detailContent(only);
        assertThat(xml).matches("<" + java.util.regex.Pattern.quote(e.elementName()) + "[ />].*");
        assertThat(new CotXmlReader(CotLimits.DEFAULTS).readDetailContent(xml)).isEqualTo(only);
        CotEvent event = CotEvent.builder("ANDROID-1", "a-f-G-U-C").times(NOW, NOW.plusSeconds(60)).detail(only).build();
        TakProtoCodec proto = new TakProtoCodec(CotLimits.DEFAULTS);
        assertThat(proto.decode(proto.encode(event)).detail()).isEqualTo(only);
        assertThat(DetailElement.named(e.elementName())).contains(e);
    }

    @Test
    void onlyFlowTagsAreUnstrippable() {
        assertThat(DetailElement.unstrippableNames()).containsExactly("_flow-tags_");
        assertThat(DetailElement.named("__video")).isEmpty();
        assertThat(DetailElement.named("__chatgrp")).isEmpty();
    }

    /** {@link #FULL} with every other element (and the verbatim one) removed. */
    private static Detail only(DetailElement kept) {
        Detail.Builder b = FULL.toBuilder().unknown(List.of());
        for (DetailElement e : DetailElement.all()) {
            if (e != kept) {
                e.removeFrom(b);
            }
        }
        return b.build();
    }
}
