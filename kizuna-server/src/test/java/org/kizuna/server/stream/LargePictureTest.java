package org.kizuna.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.core.testing.Events.marker;
import static org.kizuna.core.testing.Events.pli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.cot.CotEvent;
import org.kizuna.server.testing.RunningServer;
import org.kizuna.server.testing.TestClient;

/**
 * A client that connects to a picture larger than its outbound queue still gets all of it: the
 * picture is queued at once, before the first drain, so it must not count against the room that
 * protects the node from a slow consumer. (It used to: positions beyond the queue were dropped and
 * markers beyond it disconnected the newcomer as a slow consumer.)
 */
class LargePictureTest {

    private static final int QUEUE = RunningServer.TEST_LIMITS.outboundQueue();

    @TempDir
    Path dir;

    @Test
    void aNewcomerReceivesAPictureFourTimesItsQueue() throws Exception {
        Group blue = new Group("Blue");
        try (RunningServer node = new RunningServer(dir, Map.of("late", GroupMembership.both(Set.of(blue))), false)) {
            int markers = 2 * QUEUE;
            int positions = 2 * QUEUE;
            for (int i = 0; i < markers; i++) {
                node.server().restorePicture(marker("M-" + i, Duration.ofHours(1)), Set.of(blue));
            }
            for (int i = 0; i < positions; i++) {
                node.server().restorePicture(pli("P-" + i, "unit " + i), Set.of(blue));
            }

            try (TestClient late = node.connect("late")) {
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < markers; i++) {
                    seen.add(late.awaitUid("M-" + i).uid());
                }
                for (int i = 0; i < positions; i++) {
                    seen.add(late.awaitUid("P-" + i).uid());
                }
                assertThat(seen).hasSize(markers + positions);
                assertThat(late.isClosed()).isFalse();
                assertThat(node.count("kizuna.sessions.closed", "slow-consumer")).isZero();
                assertThat(node.count("kizuna.deliveries.dropped", "queue-full")).isZero();

                // Once the picture is out, the queue is back to its normal size: live traffic still fits.
                try (TestClient sender = node.connect("late")) {
                    CotEvent after = pli("AFTER", "after");
                    sender.send(after);
                    assertThat(late.awaitUid("AFTER")).isNotNull();
                }
            }
        }
    }
}
