package org.kizuna.cot.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<byte[]> mostlyUtf8() {
        // Valid text with bytes flipped here and there finds the edges faster than noise does.
        return Arbitraries.strings().all().ofMaxLength(20)
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .flatMap(b -> Arbitraries.integers().between(0, Math.max(0, b.length - 1)).list().ofMaxSize(2)
                        .flatMap(at -> Arbitraries.bytes().list().ofSize(at.size()).map(values -> {
                            byte[] copy = b.clone();
                            for (int i = 0; i < at.size() && copy.length > 0; i++) {
                                copy[at.get(i)] = values.get(i);
                            }
                            return copy;
                        })));
    }

    @Property(tries = 3000)
    void agreesWithTheJdksStrictDecoder(@ForAll("mostlyUtf8") byte[] bytes) {
        assertThat(Utf8.indexOfInvalid(bytes, 0, bytes.length) < 0).isEqualTo(jdkAccepts(bytes));
    }

    @Property(tries = 3000)
    void agreesOnNoiseToo(@ForAll byte[] bytes) {
        assertThat(Utf8.indexOfInvalid(bytes, 0, bytes.length) < 0).isEqualTo(jdkAccepts(bytes));
    }

    @Test
    void edges() {
        String[] valid = {"", "a", "\u00e9", "\u65e5", "\uD83D\uDE00", "\uFEFF<", "\uDBFF\uDFFF", "\uFFFF"};
        for (String s : valid) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertThat(Utf8.indexOfInvalid(b, 0, b.length)).as(s).isEqualTo(-1);
        }
        int[][] invalid = {{0x80}, {0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x9F, 0xBF}, {0xED, 0xA0, 0x80},
            {0xF0, 0x8F, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80}, {0xF7, 0x9A, 0x97, 0x99}, {0xF8}, {0xFF},
            {0xE6, 0x97}, {0x41, 0xC3}};
        for (int[] sequence : invalid) {
            byte[] b = new byte[sequence.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) sequence[i];
            }
            assertThat(Utf8.indexOfInvalid(b, 0, b.length)).as(java.util.Arrays.toString(sequence)).isNotNegative();
        }
        byte[] framed = {(byte) 0xFF, 'o', 'k', (byte) 0xFF};
        assertThat(Utf8.indexOfInvalid(framed, 1, 3)).isEqualTo(-1);
    }
}
