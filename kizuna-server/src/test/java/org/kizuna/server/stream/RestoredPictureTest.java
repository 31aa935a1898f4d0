package org.kizuna.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.core.testing.Events.marker;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.cot.CotEvent;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.RunningServer;
import org.kizuna.server.testing.TestClient;

/** Items restored from history after a restart reach the clients that may read them, and only them. */
class RestoredPictureTest {

    @TempDir
    Path dir;

    @Test
    void aRestoredItemReachesReadersOfItsGroupsUntilItIsStale() throws Exception {
        Group blue = new Group("Blue");
        Group red = new Group("Red");
        try (RunningServer node = new RunningServer(dir, Map.of(
                "blue-1", GroupMembership.both(Set.of(blue)),
                "red-1", GroupMembership.both(Set.of(red))), false)) {
            node.server().restorePicture(marker("M-BLUE", Duration.ofHours(1)), Set.of(blue));
            CotEvent stale = marker("M-STALE", Duration.ofHours(1));
            stale = stale.toBuilder().times(Instant.now().minusSeconds(120), Instant.now().minusSeconds(60)).build();
            node.server().restorePicture(stale, Set.of(blue));

            try (TestClient blueClient = node.connect("blue-1"); TestClient redClient = node.connect("red-1")) {
                assertThat(blueClient.awaitUid("M-BLUE").detail().callsign()).contains("marker M-BLUE");
                blueClient.assertNothing(e -> e.uid().equals("M-STALE"), Duration.ofMillis(500));
                // Red's picture goes out when the server opens its session, right after registering
                // it: the quiet period counts from then, not from the client's handshake.
                Await.until(() -> node.server().sessions().size() == 2, "red-1's session is open");
                redClient.assertNothing(e -> e.uid().startsWith("M-"), Duration.ofMillis(500));
            }
        }
    }
}
