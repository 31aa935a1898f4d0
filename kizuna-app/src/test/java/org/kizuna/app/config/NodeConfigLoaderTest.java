package org.kizuna.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.identity.IdentitySettings;
import org.kizuna.cot.CotLimits;
import org.kizuna.server.ServerConfig.Listener;
import org.kizuna.server.stream.SessionContext.SessionLimits;

class NodeConfigLoaderTest {

    @TempDir
    Path dir;

    private Path yaml(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void everySettingHasADefault() {
        NodeConfig config = NodeConfigLoader.load(null, dir);
        assertThat(config.server().tls().enabled()).isTrue();
        assertThat(config.server().tls().port()).isEqualTo(8089);
        assertThat(config.server().plain().enabled()).isFalse();
        assertThat(config.server().plain().port()).isEqualTo(8087);
        assertThat(config.server().cotLimits()).isEqualTo(CotLimits.DEFAULTS);
        assertThat(config.server().session()).isEqualTo(SessionLimits.DEFAULTS);
        assertThat(config.server().forbiddenTypePrefixes()).containsExactly("t-k", "t-p");
        assertThat(config.server().maxPictureItems()).isEqualTo(200_000);
        assertThat(config.defaultGroups()).isEqualTo(GroupMembership.ANONYMOUS);
        assertThat(config.pkiDir()).isEqualTo(dir.resolve("pki"));
        assertThat(config.http()).isEqualTo(org.kizuna.server.http.HttpSettings.DEFAULTS);
        assertThat(config.http().listener().port()).isEqualTo(8443);
        assertThat(config.http().tls()).isTrue();
        assertThat(config.identity()).isEqualTo(new IdentitySettings(500_000, Duration.ofDays(30)));
    }

    @Test
    void theAuditKeyIsOutsideTheAuditDirectoryWhereverItIs() throws IOException {
        assertThat(NodeConfigLoader.load(null, dir).auditKeyFile()).isEqualTo(dir.resolve("keys").resolve("audit.key"));
        Path file = yaml("kizuna.yaml", "audit: {keyFile: secrets/node-audit.key}\n");
        assertThat(NodeConfigLoader.load(file, dir).auditKeyFile()).isEqualTo(dir.resolve("secrets/node-audit.key"));
        assertThat(NodeConfigLoader.auditKeyFile(file, dir)).isEqualTo(dir.resolve("secrets/node-audit.key"));
        assertThatThrownBy(() -> NodeConfigLoader.load(yaml("a.yaml", "audit: {keyFile: audit/audit.key}\n"), dir))
                .hasMessageContaining("must not be in the audit directory");
        assertThatThrownBy(() -> NodeConfigLoader.load(yaml("b.yaml", "audit: {key: x}\n"), dir))
                .hasMessageContaining("audit.key: unknown setting");
    }

    @Test
    void theEnrollmentPortFollowsTheWebApiUnlessToldOtherwise() throws IOException {
        Listener defaults = NodeConfigLoader.load(null, dir).http().enrollment();
        assertThat(defaults).isEqualTo(new Listener(true, "0.0.0.0", 8446));
        assertThat(NodeConfigLoader.load(yaml("a.yaml", "http: {bind: 127.0.0.1, port: 0}\n"), dir).http().enrollment())
                .isEqualTo(new Listener(true, "127.0.0.1", 0));
        assertThat(NodeConfigLoader.load(yaml("b.yaml", "http: {bind: 127.0.0.1, tls: false}\n"), dir).http()
                .enrollment().enabled()).as("a proxy terminates TLS").isFalse();
        assertThat(NodeConfigLoader.load(yaml("c.yaml", "enrollment: {enabled: false, bind: 10.0.0.5, port: 9446}\n"),
                dir).http().enrollment()).isEqualTo(new Listener(false, "10.0.0.5", 9446));
        assertThatThrownBy(() -> NodeConfigLoader.load(yaml("d.yaml", "enrollment: {tls: true}\n"), dir))
                .hasMessageContaining("enrollment.tls: unknown setting");
    }

    @Test
    void readsTheIdentitySection() throws IOException {
        Path file = yaml("kizuna.yaml", "identity: {maxBoundUids: 1000, bindingRetention: 7d}\n");
        assertThat(NodeConfigLoader.load(file, dir).identity()).isEqualTo(new IdentitySettings(1000, Duration.ofDays(7)));
        assertThatThrownBy(() -> NodeConfigLoader.load(yaml("a.yaml", "identity: {maxBoundUids: 0}\n"), dir))
                .hasMessageContaining("identity.maxBoundUids: 0 is outside");
        assertThatThrownBy(() -> NodeConfigLoader.load(yaml("b.yaml", "identity: {retention: 7d}\n"), dir))
                .hasMessageContaining("identity.retention: unknown setting");
        assertThatThrownBy(() -> NodeConfigLoader.load(yaml("c.yaml", "identity: {bindingRetention: 30s}\n"), dir))
                .hasMessageContaining("identity.bindingRetention must be at least 1m");
    }

    @Test
    void readsTheHttpSection() throws IOException {
        Path file = yaml("kizuna.yaml", """
                http:
                  enabled: true
                  bind: 127.0.0.1
                  port: 9443
                  tls: false
                  hosts: [cop.example.org, 127.0.0.1]
                  maxBodyBytes: 4096
                  idleTimeout: 30s
                  sessionTimeout: 2h
                  sessionMaxLifetime: 4h
                  login: {freeFailures: 2, freeFailuresPerAddress: 9, freeFailuresPerAccount: 7, firstDelay: 2s,
                          maxDelay: 5m, maxAccountDelay: 20s, forgetAfter: 1h}
                  classification: SECRET//REL TO JPN, USA
                  workers: 2
                """);
        var http = NodeConfigLoader.load(file, dir).http();
        assertThat(http.listener()).isEqualTo(new org.kizuna.server.ServerConfig.Listener(true, "127.0.0.1", 9443));
        assertThat(http.tls()).isFalse();
        assertThat(http.maxBodyBytes()).isEqualTo(4096);
        assertThat(http.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(http.hosts()).containsExactly("cop.example.org", "127.0.0.1");
        assertThat(http.sessionTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(http.sessionMaxLifetime()).isEqualTo(Duration.ofHours(4));
        assertThat(http.login()).isEqualTo(new org.kizuna.server.http.HttpSettings.LoginDelays(2, 9, 7,
                Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(20), Duration.ofHours(1)));
        assertThat(http.classification()).isEqualTo("SECRET//REL TO JPN, USA");
        assertThat(http.workers()).isEqualTo(2);

        assertThatThrownBy(() -> NodeConfigLoader.load(yaml("a.yaml", "http: {prot: 1}\n"), dir))
                .hasMessageContaining("http.prot: unknown setting");
        assertThatThrownBy(() -> NodeConfigLoader.load(yaml("b.yaml", "http: {port: 8089}\n"), dir))
                .hasMessageContaining("http.port must differ from the streaming ports");
        assertThatThrownBy(() -> NodeConfigLoader.load(yaml("c.yaml", "http: {login: {maxDelay: soon}}\n"), dir))
                .hasMessageContaining("http.login.maxDelay");
        assertThatThrownBy(() -> NodeConfigLoader.load(yaml("d.yaml", "http: {hosts: [\"https://cop.example.org\"]}\n"),
                dir)).hasMessageContaining("http.hosts: not a host name or IP address: 'https://cop.example.org'");
    }

    /** Plain HTTP carries passwords and session cookies: refused unless nothing leaves the host. */
    @Test
    void plainHttpIsRefusedUnlessBoundToLoopback() throws IOException {
        for (String bind : List.of("0.0.0.0", "192.0.2.10", "::", "cop.example.org")) {
            assertThatThrownBy(() -> NodeConfigLoader.load(yaml("p.yaml", "http: {tls: false, bind: \"" + bind + "\"}\n"),
                    dir)).as(bind).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("http.tls: false is allowed only when http.bind is a loopback address");
        }
        for (String bind : List.of("127.0.0.1", "127.0.0.2", "::1", "localhost")) {
            assertThat(NodeConfigLoader.load(yaml("q.yaml", "http: {tls: false, bind: \"" + bind + "\"}\n"), dir)
                    .http().tls()).as(bind).isFalse();
        }
        assertThat(NodeConfigLoader.load(yaml("r.yaml", "http: {enabled: false, tls: false}\n"), dir).http().tls())
                .as("no listener, nothing to refuse").isFalse();
    }

    @Test
    void readsEveryDocumentedKey() throws IOException {
        Path file = yaml("kizuna.yaml", """
                node: {id: jpn-1}
                streaming:
                  tls: {enabled: true, bind: 127.0.0.1, port: 9089}
                  plain: {enabled: true, bind: 127.0.0.1, port: 9087}
                limits: {maxFrameBytes: 8192, maxXmlDepth: 16, maxAttributes: 32, maxDetailElements: 64}
                session: {outboundQueue: 100, unwritableTimeout: 5s, readIdleTimeout: 2m, handshakeTimeout: 500ms,
                          maxClients: 50, maxConsecutiveBadFrames: 3, flushInterval: 2ms}
                routing: {forbiddenTypes: [t-k, t-p, b-r-f], maxPictureItems: 5000}
                groups: {default: [Blue], anonymous: [Lab]}
                clients:
                  KESTREL: {groups: [Blue, Red]}
                  WATCH: {in: [], out: [Blue]}
                """);
        NodeConfig c = NodeConfigLoader.load(file, dir);
        assertThat(c.server().nodeId()).isEqualTo("jpn-1");
        assertThat(c.server().tls().port()).isEqualTo(9089);
        assertThat(c.server().plain().enabled()).isTrue();
        assertThat(c.server().cotLimits()).isEqualTo(new CotLimits(8192, 16, 32, 64));
        assertThat(c.server().session()).isEqualTo(new SessionLimits(100, Duration.ofSeconds(5), Duration.ofMinutes(2),
                Duration.ofMillis(500), 50, 3, Duration.ofMillis(2)));
        assertThat(c.server().forbiddenTypePrefixes()).contains("b-r-f");
        assertThat(c.server().maxPictureItems()).isEqualTo(5000);
        var groups = c.groupDirectory();
        Group blue = new Group("Blue");
        assertThat(groups.groupsFor(ClientIdentity.certificate("KESTREL", "x")))
                .isEqualTo(GroupMembership.both(Set.of(blue, new Group("Red"))));
        assertThat(groups.groupsFor(ClientIdentity.certificate("WATCH", "x")))
                .isEqualTo(new GroupMembership(Set.of(), Set.of(blue)));
        assertThat(groups.groupsFor(ClientIdentity.certificate("nobody", "x"))).isEqualTo(GroupMembership.both(Set.of(blue)));
        assertThat(groups.groupsFor(ClientIdentity.anonymous("1.2.3.4:5"))).isEqualTo(GroupMembership.both(Set.of(new Group("Lab"))));
    }

    @Test
    void theHistoryStoreDefaultsToH2UnderTheDataDirAndReadsItsSection() throws IOException {
        HistoryConfig d = NodeConfigLoader.load(null, dir).history();
        assertThat(d.enabled()).isTrue();
        assertThat(d.store().url()).startsWith("jdbc:h2:file:" + dir.resolve("history"));
        assertThat(d.store().maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(d.archiveTls()).isTrue();
        assertThat(d.writer().linger()).isEqualTo(Duration.ofMillis(50));

        Path file = yaml("kizuna.yaml", """
                streaming: {plain: {enabled: true, archive: false}}
                store:
                  url: jdbc:postgresql://127.0.0.1/kizuna
                  user: kizuna
                  password: secret
                  retention: {maxAge: 7d, maxBytes: 20GB}
                  queue: 1000
                  batch: 100
                  linger: 200ms
                """);
        HistoryConfig h = NodeConfigLoader.load(file, dir).history();
        assertThat(h.store().isPostgres()).isTrue();
        assertThat(h.store().password()).isEqualTo("secret");
        assertThat(h.store().toString()).doesNotContain("secret");
        assertThat(h.store().maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(h.store().maxBytes()).isEqualTo(20L << 30);
        assertThat(h.writer().queueCapacity()).isEqualTo(1000);
        assertThat(h.writer().batchSize()).isEqualTo(100);
        assertThat(h.writer().linger()).isEqualTo(Duration.ofMillis(200));
        assertThat(h.archivePlain()).isFalse();
        assertThat(h.archiveTls()).isTrue();

        Path badSize = yaml("e.yaml", "store: {retention: {maxBytes: lots}}\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(badSize, dir)).hasMessageContaining("store.retention.maxBytes");
        Path badUrl = yaml("f.yaml", "store: {url: 'jdbc:mysql://x/y'}\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(badUrl, dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("store.url");
    }

    @Test
    void clientsYamlFromThePkiCommandIsMergedAndTheConfigFileWins() throws IOException {
        yaml("clients.yaml", "clients:\n  alice: {groups: [Blue]}\n  bob: {groups: [Red]}\n");
        Path file = yaml("kizuna.yaml", "clients:\n  bob: {groups: [Green]}\n");
        var groups = NodeConfigLoader.load(file, dir).groupDirectory();
        assertThat(groups.groupsFor(ClientIdentity.certificate("alice", "x")).in()).containsExactly(new Group("Blue"));
        assertThat(groups.groupsFor(ClientIdentity.certificate("bob", "x")).in()).containsExactly(new Group("Green"));
    }

    @Test
    void unknownKeysAreRefusedWithTheirPath() throws IOException {
        Path file = yaml("kizuna.yaml", "session:\n  readIdleTimout: 30s\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(file, dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("session.readIdleTimout: unknown setting");
    }

    @Test
    void badValuesNameTheKey() throws IOException {
        Path badDuration = yaml("a.yaml", "session: {readIdleTimeout: soon}\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(badDuration, dir))
                .hasMessageContaining("session.readIdleTimeout").hasMessageContaining("'soon'");
        Path badPort = yaml("b.yaml", "streaming: {tls: {port: 70000}}\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(badPort, dir)).hasMessageContaining("streaming.tls.port");
        Path badBool = yaml("c.yaml", "streaming: {plain: {enabled: yes please}}\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(badBool, dir)).hasMessageContaining("streaming.plain.enabled");
        Path badNodeId = yaml("e.yaml", "node: {id: 1st-node}\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(badNodeId, dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("node.id");
        assertThat(NodeConfigLoader.defaultNodeId()).matches("[A-Za-z_][A-Za-z0-9._-]{0,63}");
        Path samePorts = yaml("d.yaml", "streaming: {plain: {enabled: true, port: 8089}}\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(samePorts, dir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must differ");
    }

    @Test
    void readsThePolicySettings() throws IOException {
        Path file = yaml("kizuna.yaml", """
                streaming:
                  tls: {label: {classification: HI}}
                  plain: {label: {classification: TORIATSUKAICHUI, categories: {Releasable To: [JPN]}}}
                groups: {default: [Blue]}
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  posture: GRAY_ZONE
                  label: {classification: TORIATSUKAICHUI}
                  clearance: {upTo: HI, nation: JPN}
                  anonymousClearance: {classifications: [TORIATSUKAICHUI]}
                  groups: {Red: {label: {classification: HI}}}
                clients:
                  WATCH: {clearance: {upTo: HI, categories: {Releasable To: [JPN]}}, label: {classification: HI}}
                """);
        NodeConfig c = NodeConfigLoader.load(file, dir);
        PolicyConfig p = c.policy();
        assertThat(p.enabled()).isTrue();
        assertThat(p.policyFile()).contains(dir.resolve("policy.yaml"));
        assertThat(p.rulesFile()).contains(dir.resolve("rules.yaml"));
        assertThat(p.posture()).isEqualTo("GRAY_ZONE");
        assertThat(p.clearance()).isEqualTo(new ClearanceSpec("HI", java.util.List.of(), "JPN", java.util.Map.of()));
        assertThat(p.anonymousClearance().classifications()).containsExactly("TORIATSUKAICHUI");
        assertThat(p.tlsLabel()).contains(new LabelSpec("HI", java.util.Map.of()));
        assertThat(p.plainLabel().orElseThrow().categories()).containsEntry("Releasable To", java.util.List.of("JPN"));
        assertThat(p.groupLabels()).containsKey("Red");
        assertThat(p.clientLabels()).containsKey("WATCH");
        assertThat(p.clientClearances().get("WATCH").categories()).containsKey("Releasable To");
        // listed for its clearance only, the client keeps the default groups
        assertThat(c.groupDirectory().groupsFor(ClientIdentity.certificate("WATCH", "00")).in())
                .containsExactly(new Group("Blue"));
    }

    @Test
    void aPolicyWithoutRulesOrDefaultLabelIsRefused() throws IOException {
        Path file = yaml("kizuna.yaml", "policy: {file: policy.yaml}\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(file, dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("policy.rules and policy.label");
        Path typo = yaml("typo.yaml", "policy: {file: p.yaml, rules: r.yaml, label: {clasification: HI}}\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(typo, dir)).hasMessageContaining("policy.label.clasification");
    }

    @Test
    void federationIsOffWithoutPartnersAndReadsEveryKeyWithThem() throws IOException {
        assertThat(NodeConfigLoader.load(null, dir).federation()).isNull();
        Path partners = Files.createDirectories(dir.resolve("federation/partners"));
        Files.writeString(partners.resolve("usa-1.pem"), "not parsed here");
        Path file = yaml("fed.yaml", """
                node: {id: jpn-1, nation: JPN}
                federation:
                  bind: 127.0.0.1
                  port: 9101
                  link: {logCapacity: 5000, heartbeat: 2s, idleTimeout: 9s, backoffInitial: 100ms, backoffMax: 5s,
                         inboundRate: 2000, inboundBurst: 300, maxRelayHops: 1}
                  partners:
                    usa-1:
                      nation: USA
                      accreditation: USA-REL-JPN
                      certificate: usa-node
                      dial: tak.example.us:9001
                      inboundGroups: [Coalition]
                      outboundGroups: [Coalition, Liaison]
                      acceptRelayHops: 1
                """);
        var fed = NodeConfigLoader.load(file, dir).federation();
        assertThat(fed.nation()).isEqualTo("JPN");
        assertThat(fed.listener().port()).isEqualTo(9101);
        assertThat(fed.link().logCapacity()).isEqualTo(5000);
        assertThat(fed.link().idleTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(fed.link().maxRelayHops()).isEqualTo(1);
        var usa = fed.partners().get(0);
        assertThat(usa.nodeId()).isEqualTo("usa-1");
        assertThat(usa.certificateName()).isEqualTo("usa-node");
        assertThat(usa.caFile()).isEqualTo(partners.resolve("usa-1.pem"));
        assertThat(usa.dial().host()).isEqualTo("tak.example.us");
        assertThat(usa.outboundGroups()).containsExactlyInAnyOrder(new Group("Coalition"), new Group("Liaison"));
        assertThat(usa.acceptRelayHops()).isEqualTo(1);
    }

    @Test
    void linkJournalsLiveInTheDataDirectoryUnlessConfiguredOtherwise() throws IOException {
        Path partners = Files.createDirectories(dir.resolve("federation/partners"));
        Files.writeString(partners.resolve("usa-1.pem"), "not parsed here");
        String partner = "  partners: {usa-1: {nation: USA}}\n";
        var defaults = NodeConfigLoader.load(yaml("s1.yaml", "node: {nation: JPN}\nfederation:\n" + partner), dir)
                .federation().storage();
        assertThat(defaults.dir()).isEqualTo(dir.resolve("federation").resolve("links"));
        assertThat(defaults.syncInterval()).isEqualTo(org.kizuna.federation.LinkStorage.DEFAULT_SYNC_INTERVAL);
        var custom = NodeConfigLoader.load(yaml("s2.yaml", "node: {nation: JPN}\nfederation:\n"
                + "  store: {dir: /var/lib/kizuna-links, syncInterval: always}\n" + partner), dir).federation().storage();
        assertThat(custom.dir()).isEqualTo(Path.of("/var/lib/kizuna-links"));
        assertThat(custom.syncInterval()).isZero();
        var off = NodeConfigLoader.load(yaml("s3.yaml", "node: {nation: JPN}\nfederation:\n"
                + "  store: {enabled: false}\n" + partner), dir).federation().storage();
        assertThat(off.durable()).isFalse();
    }

    @Test
    void federationNeedsTheNationAndEachPartnersCa() throws IOException {
        Path noNation = yaml("a.yaml", "federation: {partners: {usa-1: {nation: USA}}}\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(noNation, dir)).hasMessageContaining("node.nation");
        Path noCa = yaml("b.yaml", "node: {nation: JPN}\nfederation: {partners: {usa-1: {nation: USA}}}\n");
        assertThatThrownBy(() -> NodeConfigLoader.load(noCa, dir)).hasMessageContaining("usa-1.pem");
    }
}
