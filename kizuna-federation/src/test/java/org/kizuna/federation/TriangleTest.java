package org.kizuna.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.federation.testing.FederatedNode;
import org.kizuna.server.testing.TestClient;

/**
 * JPN, USA and AUS each linked to the other two. An item reaches each partner once, directly from
 * its origin: no node relays a partner's event (no transitive relay by default), so nothing goes
 * round the triangle and nothing comes back.
 */
class TriangleTest {

    @TempDir
    Path dir;
    private FederatedNode jpn;
    private FederatedNode usa;
    private FederatedNode aus;

    @BeforeEach
    void start() throws Exception {
        jpn = new FederatedNode(dir, "jpn-1", "JPN");
        usa = new FederatedNode(dir, "usa-1", "USA");
        aus = new FederatedNode(dir, "aus-1", "AUS");
        jpn.federate(List.of(usa.asPartner(false), aus.asPartner(false)));
        usa.federate(List.of(jpn.asPartner(true), aus.asPartner(false)));
        aus.federate(List.of(jpn.asPartner(true), usa.asPartner(true)));
    }

    @AfterEach
    void stop() {
        aus.close();
        usa.close();
        jpn.close();
    }

    @Test
    void eachItemReachesEachPartnerOnceAndNeverComesBack() throws Exception {
        try (TestClient j = jpn.connect("j"); TestClient u = usa.connect("u"); TestClient a = aus.connect("a")) {
            j.send(Events.marker("M", Duration.ofMinutes(5)));
            j.send(Events.chat("J", "J", "All Chat Rooms", "from JPN"));
            u.await(e -> text(e).equals("from JPN"));
            a.await(e -> text(e).equals("from JPN"));
            // Anything USA or AUS would relay was queued before these: once they arrive, a relay would have too.
            u.send(Events.chat("U", "U", "All Chat Rooms", "from USA"));
            a.send(Events.chat("A", "A", "All Chat Rooms", "from AUS"));
            for (TestClient c : List.of(j, a)) {
                c.await(e -> text(e).equals("from USA"));
            }
            for (TestClient c : List.of(j, u)) {
                c.await(e -> text(e).equals("from AUS"));
            }

            assertThat(uids(u)).containsOnlyOnce("jpn-1:M");
            assertThat(uids(a)).containsOnlyOnce("jpn-1:M");
            assertThat(uids(u)).noneMatch(uid -> uid.startsWith("aus-1:jpn-1"));
            assertThat(uids(a)).noneMatch(uid -> uid.startsWith("usa-1:jpn-1"));
            assertThat(uids(j)).noneMatch(uid -> uid.contains("jpn-1:"));
        }
        for (FederatedNode node : List.of(jpn, usa, aus)) {
            for (String partner : List.of("jpn-1", "usa-1", "aus-1")) {
                assertThat(node.federation().metrics().count("kizuna.federation.inbound.refused", partner, "loop"))
                        .isZero();
            }
        }
    }

    private static List<String> uids(TestClient c) {
        return c.receivedSoFar().stream().map(CotEvent::uid).toList();
    }

    private static String text(CotEvent e) {
        return e.detail().remarksOpt().map(r -> r.text()).orElse("");
    }
}
