package org.kizuna.app.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.attacks.Coalition.USA;
import static org.kizuna.app.attacks.Coalition.rejected;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.attacks.RawCot.Marking;
import org.kizuna.app.interop.InteropClient;

/**
 * Issue #13's unknown markings, at the U.S. demo node (whose policy has UNCLASSIFIED and
 * CONFIDENTIAL, no SECRET), from a node-tak client: a marking the policy does not define is
 * refused, never replaced by the default label; a defined marking without REL TO stays with the
 * originator's nation ({@code policy.missingRelTo: originator}); ATAK's {@code access="Undefined"}
 * is no marking at all and gets the default label, and is the only one of the three that reaches
 * Japan.
 */
class MarkingAttacksTest {

    @TempDir
    static Path dir;
    static Coalition coalition;
    static InteropClient smith;
    static InteropClient jones;
    static InteropClient tanaka;

    @BeforeAll
    static void start() throws Exception {
        coalition = Coalition.start(dir, List.of("jpn-tanaka"), List.of("usa-smith", "usa-jones"));
        smith = coalition.launch(coalition.usa(), "usa-smith", false);
        jones = coalition.launch(coalition.usa(), "usa-jones", false);
        tanaka = coalition.launch(coalition.jpn(), "jpn-tanaka", false);
        Coalition.ready(smith, jones, tanaka);
    }

    @AfterAll
    static void stop() {
        if (coalition != null) {
            coalition.close();
        }
    }

    @Test
    void unknownMarkingsFailClosedAndAMissingRelToMeansTheOriginatorsNation() throws Exception {
        double badLabel = rejected(coalition.usa(), "bad-label");
        smith.send(RawCot.unit("MARK-SECRET", "a-f-G-U-C", "SECRET ONE", 35.45, 139.65,
                new Marking("SECRET", "USA JPN")));
        smith.send(RawCot.unit("MARK-CONF", "a-f-G-U-C", "CONF ONE", 35.46, 139.66, new Marking("CONFIDENTIAL", null)));
        smith.send(RawCot.unit("MARK-UNDEF", "a-f-G-U-C", "ATAK ONE", 35.47, 139.67, new Marking("Undefined", null)));

        // the last one sent is the only one Japan may have: once it is there, the others had been too
        JsonNode undefinedAtJapan = tanaka.awaitUid(USA + ":MARK-UNDEF");
        assertThat(undefinedAtJapan.path("access").asText()).isEqualTo("TORIATSUKAI CHUI");
        assertThat(undefinedAtJapan.path("ce").asDouble()).isGreaterThanOrEqualTo(Coalition.COARSE_METRES);
        assertThat(Observed.withUid(tanaka, USA + ":MARK-SECRET")).isEmpty();
        assertThat(Observed.withUid(tanaka, USA + ":MARK-CONF")).isEmpty();
        assertThat(coalition.jpn().server().picture().get(USA + ":MARK-SECRET")).isNull();
        assertThat(coalition.jpn().server().picture().get(USA + ":MARK-CONF")).isNull();

        assertThat(rejected(coalition.usa(), "bad-label")).isEqualTo(badLabel + 1);
        JsonNode confidential = jones.awaitUid("MARK-CONF");
        assertThat(confidential.path("access").asText()).isEqualTo("CONFIDENTIAL");
        assertThat(confidential.path("releasableTo").asText()).isEqualTo("USA");
        JsonNode undefined = jones.awaitUid("MARK-UNDEF");
        assertThat(undefined.path("access").asText()).isEqualTo("UNCLASSIFIED");
        assertThat(undefined.path("releasableTo").asText()).isEqualTo("USA, JPN");
        assertThat(Observed.withUid(jones, "MARK-SECRET")).isEmpty();
        assertThat(coalition.usa().server().picture().get("MARK-SECRET")).isNull();
    }
}
