package org.kizuna.policy.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LabelXmlTest {

    private static final Instant T = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void readsWhatAnotherProducerWrote() throws Exception {
        String xml = """
                <__seclabel>
                  <originatorConfidentialityLabel xmlns="urn:nato:stanag:4774:confidentialitymetadatalabel:1:0">
                    <ConfidentialityInformation>
                      <PolicyIdentifier URI="urn:oid:1.3.26.1.3.1">NATO</PolicyIdentifier>
                      <Classification>SECRET</Classification>
                      <Category TagName="Releasable To" Type="PERMISSIVE"><GenericValue>KEN</GenericValue><GenericValue>XAA</GenericValue></Category>
                      <Category TagName="Administrative" Type="INFORMATIVE"><GenericValue>Exercise</GenericValue></Category>
                    </ConfidentialityInformation>
                    <CreationDateTime>2017-12-20T10:00:00Z</CreationDateTime>
                  </originatorConfidentialityLabel>
                </__seclabel>""";
        LabelSet set = LabelXmlReader.read(xml);
        assertThat(set.originator()).isEqualTo(SecurityLabel.of("NATO", "SECRET",
                Category.of("Releasable To", CategoryType.PERMISSIVE, "KEN", "XAA"),
                Category.of("Administrative", CategoryType.INFORMATIVE, "EXERCISE")));
        assertThat(set.alternatives()).isEmpty();
    }

    @Test
    void refusesDtdsAndEntities() {
        String xxe = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><__seclabel><originatorConfidentialityLabel>"
                + "<ConfidentialityInformation><PolicyIdentifier>&e;</PolicyIdentifier><Classification>S</Classification>"
                + "</ConfidentialityInformation></originatorConfidentialityLabel></__seclabel>";
        assertThatThrownBy(() -> LabelXmlReader.read(xxe)).isInstanceOf(LabelFormatException.class);
    }

    @Test
    void refusesWhatIsNotALabel() {
        assertThatThrownBy(() -> LabelXmlReader.read("<__seclabel/>")).hasMessageContaining("originator");
        assertThatThrownBy(() -> LabelXmlReader.read("<__seclabel><originatorConfidentialityLabel>"))
                .isInstanceOf(LabelFormatException.class);
        assertThatThrownBy(() -> LabelXmlReader.read("<a>" + "x".repeat(LabelXmlReader.MAX_CHARS) + "</a>"))
                .hasMessageContaining("longer");
        assertThatThrownBy(() -> LabelXmlReader.read("<__seclabel><originatorConfidentialityLabel xmlns=\"urn:other\">"
                + "</originatorConfidentialityLabel></__seclabel>")).hasMessageContaining("namespace");
        assertThatThrownBy(() -> LabelXmlReader.read("<__seclabel><originatorConfidentialityLabel><ConfidentialityInformation>"
                + "<PolicyIdentifier>P</PolicyIdentifier><Classification>S</Classification>"
                + "<Category TagName=\"T\" Type=\"SOMETIMES\"><GenericValue>A</GenericValue></Category>"
                + "</ConfidentialityInformation></originatorConfidentialityLabel></__seclabel>")).hasMessageContaining("Type");
    }

    @Property
    void writtenLabelsReadBack(@ForAll("labelSets") LabelSet set) throws Exception {
        String xml = "<__seclabel>" + LabelXmlWriter.write(set, T) + "</__seclabel>";
        assertThat(LabelXmlReader.read(xml)).isEqualTo(set);
    }

    @Provide
    Arbitrary<LabelSet> labelSets() {
        Arbitrary<SecurityLabel> usa = label("USA");
        Arbitrary<SecurityLabel> jpn = label("JPN");
        return Combinators.combine(usa, jpn, Arbitraries.of(true, false))
                .as((o, alt, withAlt) -> withAlt ? LabelSet.of(o).withAlternative(alt) : LabelSet.of(o));
    }

    private static Arbitrary<SecurityLabel> label(String policy) {
        Arbitrary<String> text = Arbitraries.strings().withChars("AZaz09 <>&\"'/-_").ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.isBlank() && s.strip().equals(s));
        Arbitrary<List<String>> values = text.list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(text, text.list().ofMaxSize(3), values, Arbitraries.of(CategoryType.values()))
                .as((cls, tags, vals, type) -> {
                    List<Category> cats = new ArrayList<>();
                    tags.stream().distinct().forEach(t -> cats.add(Category.of(t, type, vals)));
                    return new SecurityLabel(policy, cls, "", cats);
                });
    }
}
