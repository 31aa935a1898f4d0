package org.kizuna.federation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.federation.link.LinkState;
import org.kizuna.federation.testing.FederatedNode;
import org.kizuna.pki.IssuedCertificate;
import org.kizuna.pki.Pem;
import org.kizuna.server.tls.TlsFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.federation.testing.FederatedNode.eventually;

/** Only a configured partner's certificate opens a link; anything else is refused, logged and counted. */
class UnknownPartnerTest {

    @TempDir
    Path dir;
    private FederatedNode jpn;
    private FederatedNode usa;

    @BeforeEach
    void start() throws Exception {
        jpn = new FederatedNode(dir, "jpn-1", "JPN");
        usa = new FederatedNode(dir, "usa-1", "USA");
        jpn.federate(List.of(usa.asPartner(false)));
    }

    @AfterEach
    void stop() {
        usa.close();
        jpn.close();
    }

    @Test
    void aNodeWhoseCaIsNotInTheFederationTrustStoreIsRefused() throws Exception {
        try (FederatedNode stranger = new FederatedNode(dir, "xxx-1", "XXX")) {
            // The stranger trusts JPN and dials it; JPN does not know the stranger's CA.
            stranger.federate(List.of(jpn.asPartner(true)));
            eventually("JPN refuses the stranger", () -> refused(jpn) >= 1);
            assertThat(stranger.federation().state("jpn-1")).isNotEqualTo(LinkState.ACTIVE);
            assertThat(jpn.federation().state("usa-1")).isEqualTo(LinkState.WAITING);
        }
    }

    @Test
    void aCertificateOfAPartnersCaWithAnotherNameIsRefused() throws Exception {
        // USA's CA issues a certificate named "rogue": the CA is trusted, the name is not the partner's.
        IssuedCertificate rogue = usa.pki().client("rogue");
        Path chain = Files.writeString(dir.resolve("rogue.pem"), Pem.encodeCertificates(rogue.chain()));
        Path key = Files.writeString(dir.resolve("rogue.key.pem"), Pem.encodePrivateKey(rogue.privateKey()));
        usa.federate(List.of(jpn.asPartner(true)), FederatedNode.TEST_LINK, PartnerRelease.PERMIT_ALL,
                new TlsFiles(chain, key, usa.pki().serverFiles().trustedCaPem()));
        eventually("JPN refuses the rogue certificate", () -> refused(jpn) >= 1);
        assertThat(usa.federation().state("jpn-1")).isNotEqualTo(LinkState.ACTIVE);
    }

    @Test
    void theDialerRefusesAServerThatIsNotThePartnerItDialed() throws Exception {
        // USA is told that JPN's CA vouches for "jpn-1" but dials the stranger's address.
        try (FederatedNode stranger = new FederatedNode(dir, "xxx-1", "XXX")) {
            stranger.federate(List.of(usa.asPartner(false)));
            Partner fakeJpn = jpn.asPartner(false).withDial(new Partner.Address("127.0.0.1", stranger.federation().port()));
            usa.federate(List.of(fakeJpn));
            eventually("USA refuses the impostor", () -> refused(usa) >= 1);
            assertThat(usa.federation().state("jpn-1")).isNotEqualTo(LinkState.ACTIVE);
        }
    }

    @Test
    void aPartnerWhoseHelloNamesAnotherNodeIsRefused() throws Exception {
        // JPN knows the certificate as node "usa-1"; the node presenting it calls itself "usa-2".
        try (FederatedNode impostor = new FederatedNode(dir, "usa-2", "USA");
             FederatedNode jpn2 = new FederatedNode(dir, "jpn-2", "JPN")) {
            Partner asUsa1 = Partner.open("usa-1", "USA", "test-node", impostor.pki().serverFiles().trustedCaPem(), null);
            jpn2.federate(List.of(asUsa1));
            impostor.federate(List.of(jpn2.asPartner(true)));
            eventually("JPN refuses the Hello", () -> jpn2.federation().metrics()
                    .count("kizuna.federation.refused", "wrong-node") >= 1);
            assertThat(jpn2.federation().state("usa-1")).isNotEqualTo(LinkState.ACTIVE);
        }
    }

    private static double refused(FederatedNode node) {
        return node.federation().metrics().count("kizuna.federation.refused", "unknown-partner");
    }
}
