package org.kizuna.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.federation.testing.FederatedNode.eventually;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Point;
import org.kizuna.federation.link.LinkState;
import org.kizuna.federation.testing.FederatedNode;
import org.kizuna.server.testing.TestClient;

/** JPN listens, USA dials it; events flow both ways over one mTLS link on loopback. */
class TwoNodeFederationTest {

    @TempDir
    Path dir;
    private FederatedNode jpn;
    private FederatedNode usa;

    @BeforeEach
    void start() throws Exception {
        jpn = new FederatedNode(dir, "jpn-1", "JPN");
        usa = new FederatedNode(dir, "usa-1", "USA");
        jpn.federate(List.of(usa.asPartner(false)));
        usa.federate(List.of(jpn.asPartner(true)));
    }

    @AfterEach
    void stop() {
        usa.close();
        jpn.close();
    }

    @Test
    void eventsCrossTheLinkBothWaysWithNamespacedUids() throws Exception {
        try (TestClient tanaka = jpn.connect("tanaka"); TestClient smith = usa.connect("smith")) {
            tanaka.send(Events.pli("ANDROID-TANAKA", "TANAKA"));
            CotEvent atUsa = smith.awaitUid("jpn-1:ANDROID-TANAKA");
            assertThat(atUsa.detail().callsign()).contains("TANAKA");
            assertThat(atUsa.detail().flowTags().contains("jpn-1")).isTrue();
            assertThat(atUsa.detail().flowTags().contains("usa-1")).isTrue();

            smith.send(Events.marker("usa-marker-1", Duration.ofMinutes(10)));
            tanaka.awaitUid("usa-1:usa-marker-1");

            smith.send(Events.chat("ANDROID-SMITH", "SMITH", "All Chat Rooms", "hello Tokyo"));
            CotEvent chat = tanaka.await(e -> e.type().isGeoChat());
            assertThat(chat.uid()).startsWith("usa-1:GeoChat.ANDROID-SMITH");
            assertThat(chat.detail().remarksOpt().orElseThrow().text()).isEqualTo("hello Tokyo");
        }
        assertThat(jpn.federation().state("usa-1")).isEqualTo(LinkState.ACTIVE);
        assertThat(usa.federation().state("jpn-1")).isEqualTo(LinkState.ACTIVE);
    }

    @Test
    void aClientConnectingLaterGetsThePartnersItemsFromThePicture() throws Exception {
        try (TestClient tanaka = jpn.connect("tanaka"); TestClient smith = usa.connect("smith")) {
            tanaka.send(Events.marker("jpn-marker-1", Duration.ofMinutes(10)));
            smith.awaitUid("jpn-1:jpn-marker-1");
        }
        try (TestClient jones = usa.connect("jones")) {
            CotEvent marker = jones.awaitUid("jpn-1:jpn-marker-1");
            assertThat(marker.point()).isEqualTo(Point.of(35.6, 139.7));
        }
    }

    @Test
    void aClientLeavingIsAnnouncedToThePartner() throws Exception {
        try (TestClient smith = usa.connect("smith")) {
            try (TestClient tanaka = jpn.connect("tanaka")) {
                tanaka.send(Events.pli("ANDROID-TANAKA", "TANAKA"));
                smith.awaitUid("jpn-1:ANDROID-TANAKA");
            }
            CotEvent gone = smith.await(e -> e.type().value().equals("t-x-d-d"));
            assertThat(gone.detail().links()).anySatisfy(l -> assertThat(l.uid()).contains("jpn-1:ANDROID-TANAKA"));
            eventually("the item leaves the USA picture", () -> usa.server().picture().get("jpn-1:ANDROID-TANAKA") == null);
        }
    }

    @Test
    void aPartnersDeleteRemovesItsItem() throws Exception {
        try (TestClient tanaka = jpn.connect("tanaka"); TestClient smith = usa.connect("smith")) {
            tanaka.send(Events.marker("jpn-marker-2", Duration.ofMinutes(10)));
            smith.awaitUid("jpn-1:jpn-marker-2");
            jpn.federation().retract("usa-1", "jpn-marker-2", "posture tightened");
            CotEvent delete = smith.await(e -> e.type().value().equals("t-x-d-d"));
            assertThat(delete.detail().links()).anySatisfy(l -> assertThat(l.uid()).contains("jpn-1:jpn-marker-2"));
            eventually("the item leaves the USA picture", () -> usa.server().picture().get("jpn-1:jpn-marker-2") == null);
        }
    }
}
