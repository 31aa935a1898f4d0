package org.kizuna.federation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.federation.InboundLabelling;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.federation.testing.FederatedNode;
import org.kizuna.server.testing.TestClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.federation.testing.FederatedNode.eventually;

/**
 * USA lets JPN send 10 frames per second (burst 10), on a clock the test moves. With the clock
 * stopped, JPN's burst of chat is held back by flow control once the initial credit and the burst
 * are used; as the clock moves, the rest follows: slowed, never dropped, in order.
 */
class InboundRateLimitTest {

    private static final int CHATS = 120;

    @TempDir
    Path dir;

    /** A clock that moves only when told to. */
    private static final class ManualClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.now().toEpochMilli());

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void aPartnerAboveItsRateIsSlowedNotDropped() throws Exception {
        ManualClock clock = new ManualClock();
        try (FederatedNode jpn = new FederatedNode(dir, "jpn-1", "JPN");
             FederatedNode usa = new FederatedNode(dir, "usa-1", "USA")) {
            usa.federate(List.of(jpn.asPartner(false)), FederatedNode.TEST_LINK.withInboundRate(10, 10),
                    PartnerRelease.PERMIT_ALL, InboundLabelling.ACCEPT_ALL, usa.pki().serverFiles(), clock);
            jpn.federate(List.of(usa.asPartner(true)));
            try (TestClient tanaka = jpn.connect("tanaka"); TestClient smith = usa.connect("smith")) {
                for (int i = 1; i <= CHATS; i++) {
                    tanaka.send(Events.chat("T", "T", "All Chat Rooms", "chat " + i));
                }
                eventually("USA holds JPN back", () -> usa.federation().metrics()
                        .count("kizuna.federation.throttled", "jpn-1") >= 1);
                eventually("the rest follows as the clock moves", () -> {
                    clock.advance(Duration.ofSeconds(1));
                    return smith.receivedSoFar().stream().anyMatch(e -> text(e).equals("chat " + CHATS));
                });
                List<String> chats = smith.receivedSoFar().stream().map(InboundRateLimitTest::text)
                        .filter(t -> t.startsWith("chat ")).toList();
                assertThat(chats).containsExactlyElementsOf(
                        IntStream.rangeClosed(1, CHATS).mapToObj(i -> "chat " + i).toList());
            }
        }
    }

    private static String text(CotEvent e) {
        return e.detail().remarksOpt().map(r -> r.text()).orElse("");
    }
}
