package org.kizuna.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkerTest {

    private static final String STREAM = "<event uid='x'><detail><kizunaLoad m=\"12.345678\"/></detail></event>"
            + "garbage kizunaLoad m=\"1x\" kizunaLoad m=\"7\" kkizunaLoad m=\"3.9\""
            + "<event><detail><kizunaLoad m=\"0.1\"/></detail></event>";

    @Test
    void findsEveryStampAndIgnoresBrokenOnes() {
        assertThat(scan(List.of(STREAM))).containsExactly("12@345678", "3@9", "0@1");
    }

    @Test
    void anySplitOfTheStreamGivesTheSameStamps() {
        for (int cut = 0; cut <= STREAM.length(); cut++) {
            assertThat(scan(List.of(STREAM.substring(0, cut), STREAM.substring(cut))))
                    .as("split at %d", cut).containsExactly("12@345678", "3@9", "0@1");
        }
    }

    @Test
    void theElementTheClientsSendIsWhatTheScannerFinds() {
        assertThat(scan(List.of(Marker.element(42, 1_234_567_890L)))).containsExactly("42@1234567890");
    }

    private static List<String> scan(List<String> chunks) {
        List<String> found = new ArrayList<>();
        Marker.Scanner scanner = new Marker.Scanner((source, micros) -> found.add(source + "@" + micros));
        for (String chunk : chunks) {
            Unpooled.wrappedBuffer(chunk.getBytes(StandardCharsets.UTF_8)).forEachByte(scanner);
        }
        return found;
    }
}
