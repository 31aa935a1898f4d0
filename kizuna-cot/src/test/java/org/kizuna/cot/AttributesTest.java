package org.kizuna.cot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Attributes behave as an insertion-ordered, immutable map of strings. */
class AttributesTest {

    @Test
    void keepsDocumentOrderAndLooksUpByName() {
        Attributes a = Attributes.of("callsign", "HERON-3", "endpoint", "*:-1:stcp", "phone", "+81");
        assertThat(a.names()).containsExactly("callsign", "endpoint", "phone");
        assertThat(a.getOrNull("endpoint")).isEqualTo("*:-1:stcp");
        assertThat(a.get("missing")).isEmpty();
        assertThat(a.has("phone")).isTrue();
        assertThat(a.has("HERON-3")).as("values are not names").isFalse();
        assertThat(a.size()).isEqualTo(3);
    }

    @Test
    void aRepeatedNameKeepsItsFirstPlaceAndTakesTheLastValueAsAMapWould() {
        Attributes a = Attributes.of("a", "1", "b", "2", "a", "3");
        assertThat(a.asMap()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
        assertThat(a.size()).isEqualTo(2);
    }

    @Test
    void withReplacesInPlaceOrAppendsAndLeavesTheOriginalAlone() {
        Attributes a = Attributes.of("a", "1", "b", "2");
        assertThat(a.with("a", "9").asMap()).containsExactly(Map.entry("a", "9"), Map.entry("b", "2"));
        assertThat(a.with("c", "3").names()).containsExactly("a", "b", "c");
        assertThat(a.asMap()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void equalityIgnoresOrderAsMapsDo() {
        Attributes ab = Attributes.of("a", "1", "b", "2");
        Attributes ba = Attributes.of("b", "2", "a", "1");
        assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
        assertThat(ab).isNotEqualTo(Attributes.of("a", "1", "b", "3")).isNotEqualTo(Attributes.of("a", "1"));
        assertThat(Attributes.of()).isSameAs(Attributes.empty());
    }

    @Test
    void refusesNullsAndOddPairsAndCannotBeChangedThroughItsMap() {
        assertThatThrownBy(() -> Attributes.of("a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attributes.of("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Attributes.of(null, "1")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Attributes.of("a", "1").with("b", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Attributes.of("a", "1").asMap().put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Property(tries = 300)
    void agreesWithALinkedHashMapBuiltFromTheSamePairs(
            @ForAll @Size(max = 12) List<@AlphaChars @StringLength(min = 1, max = 3) String> names) {
        LinkedHashMap<String, String> expected = new LinkedHashMap<>();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            expected.put(names.get(i), "v" + i);
            pairs.add(names.get(i));
            pairs.add("v" + i);
        }
        Attributes a = Attributes.of(pairs.toArray(String[]::new));

        assertThat(a.asMap()).containsExactlyEntriesOf(expected);
        assertThat(a.hashCode()).isEqualTo(expected.hashCode());
        assertThat(a).isEqualTo(Attributes.of(expected));
        List<String> visited = new ArrayList<>();
        a.forEach((name, value) -> visited.add(name + "=" + value));
        assertThat(visited).hasSize(expected.size());
    }
}
