package org.kizuna.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.federation.testing.FederatedNode.eventually;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.testing.Events;
import org.kizuna.federation.testing.FederatedNode;
import org.kizuna.server.testing.TestClient;

/** A partner that has nothing of ours yet receives our current picture when the link comes up. */
class PictureResyncTest {

    @TempDir
    Path dir;

    @Test
    void itemsFromBeforeTheLinkExistedReachThePartner() throws Exception {
        try (FederatedNode jpn = new FederatedNode(dir, "jpn-1", "JPN");
             FederatedNode usa = new FederatedNode(dir, "usa-1", "USA");
             TestClient tanaka = jpn.connect("tanaka")) {
            tanaka.send(Events.marker("before-link", Duration.ofMinutes(10)));
            tanaka.send(Events.pli("ANDROID-TANAKA", "TANAKA"));
            eventually("JPN's picture holds both", () -> jpn.server().picture().size() == 2);

            jpn.federate(List.of(usa.asPartner(false)));
            usa.federate(List.of(jpn.asPartner(true)));
            try (TestClient smith = usa.connect("smith")) {
                smith.awaitUid("jpn-1:before-link");
                smith.awaitUid("jpn-1:ANDROID-TANAKA");
            }
            // USA's own picture is not sent back: it holds JPN's items only as foreign ones.
            assertThat(jpn.server().picture().size()).isEqualTo(2);
        }
    }
}
