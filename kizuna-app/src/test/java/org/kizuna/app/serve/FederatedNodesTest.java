package org.kizuna.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotLimits;
import org.kizuna.federation.FederationConfig;
import org.kizuna.federation.LinkSettings;
import org.kizuna.federation.Partner;
import org.kizuna.pki.NodePki;
import org.kizuna.server.ServerConfig.Listener;
import org.kizuna.server.ServerConfig;
import org.kizuna.server.stream.SessionContext.SessionLimits;
import org.kizuna.server.testing.TestClient;

/** Two nodes as `kizuna serve` wires them, each with its own PKI from `kizuna pki init`, federated. */
class FederatedNodesTest {

    @TempDir
    Path dir;

    @Test
    void servedNodesFederateWithTheirOwnPki() throws Exception {
        NodePki jpnPki = pki("jpn-1");
        NodePki usaPki = pki("usa-1");
        NodeConfig jpnConfig = config("jpn-1", new FederationConfig("jpn-1", "JPN", new Listener(true, "127.0.0.1", 0),
                List.of(partner("usa-1", "USA", usaPki, null)), LinkSettings.DEFAULTS));
        try (RunningNode jpn = RunningNode.start(jpnConfig)) {
            Partner jpnAsPartner = partner("jpn-1", "JPN", jpnPki,
                    new Partner.Address("127.0.0.1", jpn.federation().orElseThrow().port()));
            NodeConfig usaConfig = config("usa-1", new FederationConfig("usa-1", "USA", new Listener(false, "127.0.0.1", 0),
                    List.of(jpnAsPartner), LinkSettings.DEFAULTS));
            try (RunningNode usa = RunningNode.start(usaConfig);
                 TestClient tanaka = client(jpnPki, "tanaka", jpn);
                 TestClient smith = client(usaPki, "smith", usa)) {
                tanaka.send(Events.pli("ANDROID-TANAKA", "TANAKA"));
                smith.awaitUid("jpn-1:ANDROID-TANAKA");
                smith.send(Events.pli("ANDROID-SMITH", "SMITH"));
                tanaka.awaitUid("usa-1:ANDROID-SMITH");
                assertThat(NodeBanner.describe(jpn)).contains("federation", "partner usa-1 (USA) dials us");
                assertThat(NodeBanner.describe(usa)).contains("partner jpn-1 (JPN) dialled at 127.0.0.1:");
            }
        }
    }

    private NodePki pki(String node) throws Exception {
        NodePki pki = NodePki.in(dir.resolve(node));
        pki.init(node, List.of("localhost", "127.0.0.1"));
        return pki;
    }

    private Partner partner(String id, String nation, NodePki pki, Partner.Address dial) throws Exception {
        Path ca = Files.copy(pki.caCertificateFile(), dir.resolve(id + "-ca.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Partner.open(id, nation, id, ca, dial);
    }

    private NodeConfig config(String node, FederationConfig federation) {
        ServerConfig server = new ServerConfig(node, new Listener(true, "127.0.0.1", 0), new Listener(false, "127.0.0.1", 0),
                CotLimits.DEFAULTS, SessionLimits.DEFAULTS, List.of("t-k", "t-p"));
        return new NodeConfig(dir.resolve(node), server, Map.of(), GroupMembership.ANONYMOUS, GroupMembership.ANONYMOUS)
                .withHistory(noHistory(dir.resolve(node)))
                .withFederation(federation);
    }

    private static org.kizuna.app.config.HistoryConfig noHistory(Path data) {
        var d = org.kizuna.app.config.HistoryConfig.defaults(data);
        return new org.kizuna.app.config.HistoryConfig(false, d.store(), d.writer(), d.archiveTls(), d.archivePlain());
    }

    private static TestClient client(NodePki pki, String name, RunningNode node) throws Exception {
        NodePki.ClientFiles files = pki.issueClient(name, null, "127.0.0.1", 8089);
        return TestClient.tls(org.kizuna.pki.ClientTls.context(files.certificateFile(), files.privateKeyFile(),
                pki.caCertificateFile()), node.server().port("tls"));
    }
}
