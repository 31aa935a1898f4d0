package org.kizuna.federation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.federation.Release;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.federation.testing.FederatedNode;
import org.kizuna.server.testing.TestClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.federation.testing.FederatedNode.eventually;

/**
 * A line JPN — USA — AUS with no JPN–AUS link. USA relays one hop (maxRelayHops 1); AUS accepts
 * relayed events from USA, JPN does not. An item keeps its origin on the way: AUS shows JPN's
 * marker as jpn-1:M, not usa-1:jpn-1:M.
 */
class RelayTest {

    @TempDir
    Path dir;
    private FederatedNode jpn;
    private FederatedNode usa;
    private FederatedNode aus;
    /** When set, USA's release gives relayed items a pseudonym, as a drop-identity obligation does. */
    private volatile boolean pseudonymise;

    @BeforeEach
    void start() throws Exception {
        jpn = new FederatedNode(dir, "jpn-1", "JPN");
        usa = new FederatedNode(dir, "usa-1", "USA");
        aus = new FederatedNode(dir, "aus-1", "AUS");
        usa.federate(List.of(jpn.asPartner(false), aus.asPartner(false)), FederatedNode.TEST_LINK.withMaxRelayHops(1),
                (routed, partner) -> pseudonymise && routed.origin().provenance() != null
                        ? Release.permit(routed.about(routed.event().toBuilder()
                                .uid("anon-" + Integer.toHexString(routed.event().uid().hashCode())).build(), null))
                        : Release.permit(routed));
        jpn.federate(List.of(usa.asPartner(true)));
        aus.federate(List.of(relaying(usa.asPartner(true), 1)));
    }

    @AfterEach
    void stop() {
        aus.close();
        usa.close();
        jpn.close();
    }

    @Test
    void anItemCrossesTwoLinksUnderItsOriginsNameWhenBothAgree() throws Exception {
        try (TestClient j = jpn.connect("j"); TestClient a = aus.connect("a")) {
            j.send(Events.marker("M", Duration.ofMinutes(5)));
            CotEvent atAus = a.awaitUid("jpn-1:M");
            assertThat(atAus.detail().flowTags().contains("usa-1")).isTrue();

            // AUS's marker reaches USA and is relayed to JPN, which does not accept relays from USA.
            a.send(Events.marker("N", Duration.ofMinutes(5)));
            eventually("JPN refuses the relayed marker", () -> jpn.federation().metrics()
                    .count("kizuna.federation.inbound.refused", "usa-1", "relay-refused") >= 1);
            // Nothing came back to JPN's client: its own marker is never sent back along its path.
            j.send(Events.chat("J", "J", "All Chat Rooms", "last"));
            a.await(e -> e.type().isGeoChat());
            assertThat(j.receivedSoFar()).extracting(CotEvent::uid).noneMatch(uid -> uid.endsWith(":M"));
        }
    }

    @Test
    void aPseudonymTheRelayingGuardGaveIsNotUndoneOnTheWayOut() throws Exception {
        pseudonymise = true;
        try (TestClient j = jpn.connect("j"); TestClient a = aus.connect("a")) {
            j.send(Events.marker("SECRET-NAME", Duration.ofMinutes(5)));
            j.send(Events.chat("J", "J", "All Chat Rooms", "after"));
            CotEvent relayed = a.await(e -> e.type().value().startsWith("b-m-p"));
            assertThat(relayed.uid()).startsWith("jpn-1:anon-");
            a.await(e -> e.type().isGeoChat());
            assertThat(a.receivedSoFar()).extracting(CotEvent::uid).noneMatch(uid -> uid.contains("SECRET-NAME"));
        }
    }

    private static Partner relaying(Partner p, int hops) {
        return new Partner(p.nodeId(), p.nation(), p.accreditation(), p.certificateName(), p.caFile(), p.dial(),
                p.inboundGroups(), p.outboundGroups(), hops);
    }
}
