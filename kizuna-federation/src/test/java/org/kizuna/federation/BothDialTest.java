package org.kizuna.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.federation.link.LinkState;
import org.kizuna.federation.testing.CuttingProxy;
import org.kizuna.federation.testing.FederatedNode;
import org.kizuna.server.testing.TestClient;

/** Both nodes are configured to dial: they settle on one stream and nothing is doubled. */
class BothDialTest {

    @TempDir
    Path dir;

    @Test
    void bothDialAndOneStreamCarriesEverythingOnce() throws Exception {
        try (FederatedNode jpn = new FederatedNode(dir, "jpn-1", "JPN");
             FederatedNode usa = new FederatedNode(dir, "usa-1", "USA");
             CuttingProxy toUsa = new CuttingProxy(0)) {
            // JPN dials USA through a relay, because USA's port is known only once USA federates.
            jpn.federate(List.of(usa.asPartnerVia(toUsa.port())));
            usa.federate(List.of(jpn.asPartner(true)));
            toUsa.target(usa.federation().port());
            try (TestClient tanaka = jpn.connect("tanaka"); TestClient smith = usa.connect("smith")) {
                for (int i = 1; i <= 20; i++) {
                    tanaka.send(Events.chat("T", "T", "All Chat Rooms", "to USA " + i));
                    smith.send(Events.chat("S", "S", "All Chat Rooms", "to JPN " + i));
                }
                smith.await(e -> text(e).equals("to USA 20"));
                tanaka.await(e -> text(e).equals("to JPN 20"));
                assertThat(chats(smith, "to USA")).hasSize(19).doesNotHaveDuplicates();
                assertThat(chats(tanaka, "to JPN")).hasSize(19).doesNotHaveDuplicates();
            }
            assertThat(jpn.federation().state("usa-1")).isIn(LinkState.ACTIVE, LinkState.BACKOFF);
            assertThat(usa.federation().state("jpn-1")).isIn(LinkState.ACTIVE, LinkState.BACKOFF);
        }
    }

    private static List<String> chats(TestClient c, String prefix) {
        return c.receivedSoFar().stream().map(BothDialTest::text).filter(t -> t.startsWith(prefix)).toList();
    }

    private static String text(CotEvent e) {
        return e.detail().remarksOpt().map(r -> r.text()).orElse("");
    }
}
