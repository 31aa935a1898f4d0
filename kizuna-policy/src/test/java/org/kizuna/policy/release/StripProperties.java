package org.kizuna.policy.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Detail;
import org.kizuna.cot.DetailElement;
import org.kizuna.cot.Point;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.cot.xml.CotXmlWriter;

/**
 * A stripped element is in neither encoding of the released event, whatever form it came in:
 * typed, a second copy, a well-known name with content the model cannot hold, a namespaced or
 * self-closing vendor element. The typed names come from the {@link DetailElement} registry, so an
 * element added there is covered here without touching this test.
 *
 * <p>Events are built as {@code <detail>} XML and read by the real decoder, so which copy becomes
 * typed and which stays verbatim is the decoder's decision, as on the wire. Strip removes detail
 * children: the generator never nests an element under a name it may strip.
 */
class StripProperties {

    private static final Instant T = Instant.parse("2026-11-26T09:00:00Z");
    private static final CotXmlReader XML = new CotXmlReader(CotLimits.DEFAULTS);
    private static final TakProtoCodec PROTO = new TakProtoCodec(CotLimits.DEFAULTS);
    private static final Arbitrary<List<String>> BACKGROUND = DetailChildrenXml.background();
    private static final ObligationApplier APPLIER = new ObligationApplier("0123456789abcdef-test-key".getBytes());

    @Property(tries = 1000)
    void aStrippedElementIsInNeitherEncoding(@ForAll("cases") StripCase c) throws CotDecodeException {
        CotEvent event = c.event();
        // the checks below can fail: before, the inspection and the scan both find the target
        assertThat(carries(event.detail(), c.target())).as("the event carries its target").isTrue();
        assertThat(mentions(CotXmlWriter.toXml(event), c.target())).as("the scan sees the target").isTrue();

        CotEvent out = APPLIER.apply(event, new Obligations(c.strip(), 0, false, Duration.ZERO));

        String xml = CotXmlWriter.toXml(out);
        CotEvent viaXml = XML.read(xml.getBytes(StandardCharsets.UTF_8));
        CotEvent viaProto = PROTO.decode(PROTO.encode(out));
        for (String name : c.strip()) {
            assertThat(mentions(xml, name)).as("<%s in %s", name, xml).isFalse();
            assertThat(carries(viaXml.detail(), name)).as("%s read back from XML", name).isFalse();
            assertThat(carries(viaProto.detail(), name)).as("%s read back from protobuf", name).isFalse();
            assertThat(mentions(CotXmlWriter.toXml(viaProto), name)).as("%s after protobuf", name).isFalse();
        }
        for (String kept : Obligations.PROTECTED) {
            boolean before = carries(event.detail(), kept);
            assertThat(carries(viaXml.detail(), kept)).as(kept + " survives").isEqualTo(before);
            assertThat(carries(viaProto.detail(), kept)).as(kept + " survives").isEqualTo(before);
        }
    }

    /** The generator's typed forms really are typed: the property is not only about verbatim copies. */
    @Property(tries = 200)
    void eachRegisteredElementIsGeneratedTheWayTheDecoderTypesIt(@ForAll("typedForms") Tuple2<DetailElement, String> form)
            throws CotDecodeException {
        Detail d = XML.readDetailContent(form.get2());
        assertThat(form.get1().isPresentIn(d)).isTrue();
        assertThat(d.unknown()).isEmpty();
    }

    @Provide
    Arbitrary<Tuple2<DetailElement, String>> typedForms() {
        return Arbitraries.of(DetailElement.all()).flatMap(e -> DetailChildrenXml.typed(e).map(xml -> Tuple.of(e, xml)));
    }

    /** True when {@code d} holds a child named {@code name}, typed or verbatim. */
    static boolean carries(Detail d, String name) {
        boolean typed = DetailElement.named(name).map(e -> e.isPresentIn(d)).orElse(false);
        Pattern start = Pattern.compile(Pattern.quote("<" + name) + "[\\s/>].*", Pattern.DOTALL);
        return typed || d.unknown().stream().anyMatch(x -> start.matcher(x).matches());
    }

    /** True when {@code xml} has a tag {@code <name} followed by a delimiter, anywhere. */
    static boolean mentions(String xml, String name) {
        return Pattern.compile(Pattern.quote("<" + name) + "[\\s/>]").matcher(xml).find();
    }

    /** The event, the name it must lose and every name stripped (the target and maybe others). */
    record StripCase(String target, Set<String> strip, CotEvent event) {
        @Override
        public String toString() {
            return "strip " + strip + " from " + CotXmlWriter.toXml(event);
        }
    }

    @Provide
    Arbitrary<StripCase> cases() {
        Arbitrary<String> target = Arbitraries.oneOf(
                Arbitraries.of(strippableTypedNames()), DetailChildrenXml.verbatimNames());
        return target.flatMap(name -> Combinators.combine(children(name), Arbitraries.of(strippableTypedNames()).set()
                .ofMaxSize(2)).as((children, others) -> stripCase(name, others, children)));
    }

    /** Children carrying {@code name} among others, in any order. */
    private static Arbitrary<List<String>> children(String name) {
        return Combinators.combine(DetailChildrenXml.carrying(name), BACKGROUND, Arbitraries.longs())
                .as((forms, background, order) -> {
                    List<String> children = new ArrayList<>(background);
                    children.addAll(forms);
                    // the order decides which copy the decoder types and which it keeps verbatim
                    Collections.shuffle(children, new Random(order));
                    return children;
                });
    }

    private static StripCase stripCase(String target, Set<String> others, List<String> children) {
        Detail detail;
        try {
            detail = XML.readDetailContent(String.join("", children));
        } catch (CotDecodeException e) {
            throw new AssertionError("the generator wrote a detail the decoder refuses: " + children, e);
        }
        Set<String> strip = new TreeSet<>(others);
        strip.add(target);
        CotEvent event = CotEvent.builder("ANDROID-359312", "a-f-G-U-C-I").times(T, T.plusSeconds(60))
                .point(new Point(35.6, 139.7, 40, 5, 5)).detail(detail).build();
        return new StripCase(target, strip, event);
    }

    private static List<String> strippableTypedNames() {
        return DetailElement.all().stream().filter(DetailElement::strippable).map(DetailElement::elementName).toList();
    }
}
