package org.kizuna.app.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.attacks.Coalition.JPN;
import static org.kizuna.app.attacks.Coalition.USA;
import static org.kizuna.app.attacks.Coalition.rejected;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.attacks.RawCot.Marking;
import org.kizuna.app.interop.InteropClient;
import org.kizuna.core.routing.LatestState;
import org.kizuna.server.testing.WebClient;

/**
 * Issue #13's uid attacks, by a client with a valid certificate (node-tak), on the two demo
 * nodes: taking over another client's national-eyes unit under a wider marking, publishing in a
 * partner's namespace, and deleting another client's or a partner's item. Each is refused
 * {@code uid-owned-elsewhere}, and no other client, no browser and no partner ever sees the
 * attacker's version.
 */
class UidAttacksTest {

    private static final String OWNED_ELSEWHERE = "uid-owned-elsewhere";

    @TempDir
    static Path dir;
    static Coalition coalition;
    /** The victim (publishes units), the attacker, a Japanese observer, a U.S. observer at the U.S. node. */
    static InteropClient alpha;
    static InteropClient bravo;
    static InteropClient charlie;
    static InteropClient smith;

    @BeforeAll
    static void start() throws Exception {
        coalition = Coalition.start(dir, List.of("jpn-alpha", "jpn-bravo", "jpn-charlie"), List.of("usa-smith"));
        alpha = coalition.launch(coalition.jpn(), "jpn-alpha", false);
        bravo = coalition.launch(coalition.jpn(), "jpn-bravo", false);
        charlie = coalition.launch(coalition.jpn(), "jpn-charlie", false);
        smith = coalition.launch(coalition.usa(), "usa-smith", false);
        Coalition.ready(alpha, bravo, charlie, smith);
    }

    @AfterAll
    static void stop() {
        if (coalition != null) {
            coalition.close();
        }
    }

    @Test
    void aJapanOnlyUnitResentUnderAWiderMarkingIsRefusedAndTheOwnersVersionStays() throws Exception {
        alpha.send(RawCot.unit("KITE-1", "a-f-G-U-C-R", "KITE 1", 35.7012, 139.7034, new Marking("HI", "JPN")));
        assertThat(charlie.awaitUid("KITE-1").path("lat").asDouble()).isEqualTo(35.7012);
        double before = rejected(coalition.jpn(), OWNED_ELSEWHERE);

        bravo.send(RawCot.unit("KITE-1", "a-f-G-U-C-R", "KITE 1", 35.8123, 139.8045,
                new Marking("TORIATSUKAI CHUI", "JPN USA")));
        Observed.barrier(bravo, JPN, List.of(charlie, alpha), List.of(smith));

        List<JsonNode> atCharlie = Observed.withUid(charlie, "KITE-1");
        assertThat(atCharlie).isNotEmpty().allSatisfy(e -> {
            assertThat(e.path("lat").asDouble()).isEqualTo(35.7012);
            assertThat(e.path("access").asText()).isEqualTo("HI");
            assertThat(e.path("releasableTo").asText()).isEqualTo("JPN");
        });
        LatestState.Entry held = coalition.jpn().server().picture().get("KITE-1");
        assertThat(held.routed().event().point().lat()).isEqualTo(35.7012);
        assertThat(held.routed().event().access()).isEqualTo("HI");
        // the U.S. node never holds it, in any shape: the owner's marking keeps it in Japan
        assertThat(Observed.withUid(smith, JPN + ":KITE-1")).isEmpty();
        assertThat(coalition.usa().server().picture().get(JPN + ":KITE-1")).isNull();
        assertThat(rejected(coalition.jpn(), OWNED_ELSEWHERE)).isEqualTo(before + 1);
    }

    @Test
    void aJapaneseClientCannotPublishInThePartnersNamespace() throws Exception {
        WebClient watch = coalition.web("watch");
        try (WebClient.Live live = watch.live(coalition.webBase())) {
            double before = rejected(coalition.jpn(), OWNED_ELSEWHERE);
            bravo.send(RawCot.unit(USA + ":FAKE-CVN-1", "a-f-S-C-L-C-V", "USS FAKE", 35.30, 139.65, Marking.NONE));
            String barrier = "BARRIER-NS-" + System.nanoTime();
            bravo.send(RawCot.unit(barrier, "a-f-G", "BARRIER", 35.0, 139.0, Marking.NONE));
            live.await(m -> barrier.equals(m.path("event").path("uid").asText()));
            charlie.awaitUid(barrier);

            assertThat(live.all()).noneMatch(m -> m.path("event").path("uid").asText().contains("FAKE-CVN-1"));
            assertThat(uids(watch, "/api/contacts")).contains(barrier).noneMatch(u -> u.contains("FAKE-CVN-1"));
            assertThat(Observed.withUid(charlie, USA + ":FAKE-CVN-1")).isEmpty();
            assertThat(coalition.jpn().server().picture().get(USA + ":FAKE-CVN-1")).isNull();
            assertThat(rejected(coalition.jpn(), OWNED_ELSEWHERE)).isEqualTo(before + 1);
        }
    }

    @Test
    void forgedDeletesOfAnotherClientsOrThePartnersItemsAreRefused() throws Exception {
        alpha.send(RawCot.unit("KITE-2", "a-f-G-U-C", "KITE 2", 35.6612, 139.6934, Marking.NONE));
        smith.send(RawCot.unit("DDG-1", "a-f-S-C-L-D-D", "USS DEMO", 35.28, 139.66, Marking.NONE));
        charlie.awaitUid(USA + ":DDG-1");
        charlie.awaitUid("KITE-2");
        smith.awaitUid(JPN + ":KITE-2");
        double before = rejected(coalition.jpn(), OWNED_ELSEWHERE);

        bravo.send(RawCot.forcedDelete("KITE-2", "a-f-G-U-C"));
        bravo.send(RawCot.forcedDelete(USA + ":DDG-1", "a-f-S-C-L-D-D"));
        // the older form: a delete whose own uid is the item's
        bravo.send(RawCot.event("KITE-2", "t-x-d-d", 0, 0, Marking.NONE,
                "<link uid=\"KITE-2\" relation=\"none\" type=\"a-f-G-U-C\"/>"));
        Observed.barrier(bravo, JPN, List.of(charlie, alpha), List.of(smith));

        for (InteropClient c : List.of(charlie, alpha)) {
            assertThat(Observed.deletesOf(c, "KITE-2")).as(c.transcript()).isEmpty();
            assertThat(Observed.deletesOf(c, USA + ":DDG-1")).as(c.transcript()).isEmpty();
        }
        assertThat(Observed.deletesOf(smith, JPN + ":KITE-2")).isEmpty();
        assertThat(coalition.jpn().server().picture().get("KITE-2")).isNotNull();
        assertThat(coalition.jpn().server().picture().get(USA + ":DDG-1")).isNotNull();
        assertThat(coalition.usa().server().picture().get("DDG-1")).isNotNull();
        assertThat(coalition.usa().server().picture().get(JPN + ":KITE-2")).isNotNull();
        assertThat(rejected(coalition.jpn(), OWNED_ELSEWHERE)).isEqualTo(before + 3);
    }

    private static List<String> uids(WebClient web, String path) throws Exception {
        var r = web.get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        WebClient.json(r).get("items").forEach(i -> out.add(i.get("uid").asText()));
        return out;
    }
}
