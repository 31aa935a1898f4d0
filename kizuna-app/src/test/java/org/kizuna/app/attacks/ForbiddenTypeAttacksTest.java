package org.kizuna.app.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.attacks.Coalition.JPN;
import static org.kizuna.app.attacks.Coalition.rejected;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.attacks.RawCot.Marking;
import org.kizuna.app.interop.InteropClient;

/**
 * Issue #13's forbidden types ({@code routing.forbiddenTypes}: tasking {@code t-k}, pairing
 * {@code t-p}) written in any case, over both wire formats of node-tak clients: XML, and TAK
 * protocol v1 after negotiating it (node-cot encodes the {@code TakMessage}). Each is refused
 * {@code forbidden-type}; no other client receives any (Japan's home rule would release every
 * type to them).
 */
class ForbiddenTypeAttacksTest {

    private static final List<String> TYPES = List.of("T-k-x", "t-K-x", "T-p", "t-k", "t-p", "T-K-D-D");

    @TempDir
    static Path dir;
    static Coalition coalition;
    static InteropClient observer;
    static InteropClient xml;
    static InteropClient proto;

    @BeforeAll
    static void start() throws Exception {
        coalition = Coalition.start(dir, List.of("jpn-alpha", "jpn-bravo", "jpn-charlie"), List.of());
        observer = coalition.launch(coalition.jpn(), "jpn-charlie", false);
        xml = coalition.launch(coalition.jpn(), "jpn-alpha", false);
        proto = coalition.launch(coalition.jpn(), "jpn-bravo", true);
        Coalition.ready(observer, xml, proto);
    }

    @AfterAll
    static void stop() {
        if (coalition != null) {
            coalition.close();
        }
    }

    @Test
    void overXml() throws Exception {
        assertThat(xml.awaitLine("READY", Duration.ofSeconds(1))).startsWith("READY mode=xml");
        attack(xml, "xml");
    }

    @Test
    void overTakProtocolV1() throws Exception {
        assertThat(proto.awaitLine("READY", Duration.ofSeconds(1))).startsWith("READY mode=protobuf");
        attack(proto, "proto");
    }

    private static void attack(InteropClient attacker, String wire) throws Exception {
        double before = rejected(coalition.jpn(), "forbidden-type");
        for (String type : TYPES) {
            attacker.send(RawCot.unit(wire + "-" + type, type, "TASK", 35.5, 139.5, Marking.NONE));
        }
        Observed.barrier(attacker, JPN, List.of(observer), List.of());

        assertThat(observer.events()).as(observer.transcript())
                .noneMatch(e -> e.path("uid").asText().startsWith(wire + "-"));
        assertThat(rejected(coalition.jpn(), "forbidden-type")).isEqualTo(before + TYPES.size());
    }
}
