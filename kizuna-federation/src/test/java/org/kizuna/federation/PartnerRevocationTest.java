package org.kizuna.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.federation.testing.FederatedNode.eventually;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.core.testing.Events;
import org.kizuna.federation.link.LinkState;
import org.kizuna.federation.testing.FederatedNode;
import org.kizuna.pki.IssuedCertificate;
import org.kizuna.pki.Pem;
import org.kizuna.server.testing.TestClient;
import org.kizuna.server.tls.TlsFiles;

/**
 * A partner removed while the node runs, and a partner certificate the node's own CA issued and
 * then revoked: the link closes within two seconds and the partner's reconnects are refused.
 */
class PartnerRevocationTest {

    private static final Duration WITHIN = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    private FederatedNode jpn;
    private FederatedNode usa;

    @BeforeEach
    void start() throws Exception {
        jpn = new FederatedNode(dir, "jpn-1", "JPN");
        usa = new FederatedNode(dir, "usa-1", "USA");
    }

    @AfterEach
    void stop() {
        usa.close();
        jpn.close();
    }

    @Test
    void aRemovedPartnersLinkClosesAndItsRedialsAreRefused() throws Exception {
        jpn.federate(List.of(usa.asPartner(false)));
        usa.federate(List.of(jpn.asPartner(true)));
        eventually("the link is up", () -> jpn.federation().state("usa-1") == LinkState.ACTIVE);

        long removedAt = System.nanoTime();
        assertThat(jpn.federation().removePartner("usa-1", "removed by a test")).isTrue();

        within(WITHIN, removedAt, "USA's side of the link is down", () -> usa.federation().state("jpn-1") != LinkState.ACTIVE);
        assertThat(jpn.federation().state("usa-1")).isEqualTo(LinkState.CLOSED);
        assertThat(jpn.federation().partners()).isEmpty();
        // USA keeps redialing with backoff; JPN refuses each attempt by certificate.
        eventually("JPN refuses the removed partner", () -> refused(jpn, "removed-partner") >= 2);
        assertThat(usa.federation().state("jpn-1")).isNotEqualTo(LinkState.ACTIVE);
        assertThat(jpn.federation().removePartner("usa-1", "again")).as("removed once").isFalse();
        assertNothingCrosses();
    }

    @Test
    void removingAPartnerWeDialStopsDialingIt() throws Exception {
        usa.federate(List.of(jpn.asPartner(false)));
        jpn.federate(List.of(usa.asPartner(true)));
        eventually("the link is up", () -> usa.federation().state("jpn-1") == LinkState.ACTIVE);

        long removedAt = System.nanoTime();
        jpn.federation().removePartner("usa-1", "removed by a test");

        within(WITHIN, removedAt, "USA's side of the link is down", () -> usa.federation().state("jpn-1") != LinkState.ACTIVE);
        assertThat(jpn.federation().state("usa-1")).isEqualTo(LinkState.CLOSED);
        assertNothingCrosses();
        assertThat(usa.federation().state("jpn-1")).isEqualTo(LinkState.WAITING);
    }

    @Test
    void aPartnerCertificateOurCaIssuedIsCutWhenRevoked() throws Exception {
        // The USA CA issued the certificate JPN federates with (a lead nation issuing its partners').
        IssuedCertificate jpnFed = usa.pki().client("jpn-fed");
        Path chain = Files.writeString(dir.resolve("jpn-fed.pem"), Pem.encodeCertificates(jpnFed.chain()));
        Path key = Files.writeString(dir.resolve("jpn-fed.key.pem"), Pem.encodePrivateKey(jpnFed.privateKey()));
        usa.federate(List.of(Partner.open("jpn-1", "JPN", "jpn-fed", usa.pki().serverFiles().trustedCaPem(), null)));
        jpn.federate(List.of(usa.asPartner(true)), FederatedNode.TEST_LINK, PartnerRelease.PERMIT_ALL,
                new TlsFiles(chain, key, jpn.pki().serverFiles().trustedCaPem()));
        eventually("the link is up", () -> usa.federation().state("jpn-1") == LinkState.ACTIVE);

        long revokedAt = System.nanoTime();
        usa.pki().revoke(jpnFed);

        within(WITHIN, revokedAt, "USA cut the link", () -> usa.federation().state("jpn-1") != LinkState.ACTIVE);
        eventually("USA refuses the revoked certificate", () -> refused(usa, "revoked") >= 1);
        assertThat(usa.federation().state("jpn-1")).isNotEqualTo(LinkState.ACTIVE);
        assertThat(usa.federation().partners()).as("revoked, not removed").hasSize(1);
    }

    /**
     * The other direction: USA dials JPN, whose server certificate USA's CA issued. After the cut
     * USA redials; the new connection may resume the old TLS session (no certificate check in
     * the handshake), so the dialing side checks the partner again when its headers arrive.
     */
    @Test
    void aDialedPartnersRevokedServerCertificateIsRefusedOnRedial() throws Exception {
        Instant now = Instant.now();
        IssuedCertificate jpnFed = usa.pki().ca().issueServer("jpn-fed", List.of("localhost"), List.of("127.0.0.1"),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(5)));
        Path chain = Files.writeString(dir.resolve("jpn-fed.pem"), Pem.encodeCertificates(jpnFed.chain()));
        Path key = Files.writeString(dir.resolve("jpn-fed.key.pem"), Pem.encodePrivateKey(jpnFed.privateKey()));
        jpn.federate(List.of(usa.asPartner(false)), FederatedNode.TEST_LINK, PartnerRelease.PERMIT_ALL,
                new TlsFiles(chain, key, jpn.pki().serverFiles().trustedCaPem()));
        usa.federate(List.of(Partner.open("jpn-1", "JPN", "jpn-fed", usa.pki().serverFiles().trustedCaPem(),
                new Partner.Address("127.0.0.1", jpn.federation().port()))));
        // the state turns ACTIVE just before the opening is counted
        eventually("the link is up and counted", () -> usa.federation().state("jpn-1") == LinkState.ACTIVE
                && usa.federation().metrics().count("kizuna.federation.links.opened", "jpn-1") == 1);
        double opened = 1;

        long revokedAt = System.nanoTime();
        usa.pki().revoke(jpnFed);

        within(WITHIN, revokedAt, "USA cut the link", () -> usa.federation().state("jpn-1") != LinkState.ACTIVE);
        eventually("USA refuses JPN's revoked certificate on a redial", () -> refused(usa, "revoked") >= 1);
        assertNothingCrosses();
        assertThat(usa.federation().metrics().count("kizuna.federation.links.opened", "jpn-1"))
                .as("no link opened again").isEqualTo(opened);
    }

    /** A JPN event no longer reaches USA, and the other way round. */
    private void assertNothingCrosses() throws Exception {
        try (TestClient tanaka = jpn.connect("tanaka"); TestClient smith = usa.connect("smith")) {
            tanaka.send(Events.pli("ANDROID-TANAKA", "TANAKA"));
            smith.send(Events.pli("ANDROID-SMITH", "SMITH"));
            smith.assertNothing(e -> e.uid().equals("jpn-1:ANDROID-TANAKA"), Duration.ofMillis(500));
            tanaka.assertNothing(e -> e.uid().equals("usa-1:ANDROID-SMITH"), Duration.ofMillis(100));
        }
    }

    private static double refused(FederatedNode node, String reason) {
        return node.federation().metrics().count("kizuna.federation.refused", reason);
    }

    private static void within(Duration limit, long fromNanos, String what, BooleanSupplier condition)
            throws InterruptedException {
        eventually(what, condition);
        assertThat(Duration.ofNanos(System.nanoTime() - fromNanos)).as(what).isLessThan(limit);
    }
}
