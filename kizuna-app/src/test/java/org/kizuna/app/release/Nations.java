package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.federation.Federation;
import org.kizuna.federation.link.LinkState;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.NodePki;
import org.kizuna.server.testing.TestClient;

/**
 * National nodes for federation tests, each started from its own {@code kizuna.yaml} as
 * {@code kizuna serve} starts it: own PKI, own policy file and release rules, partners' CAs in
 * {@code DATA/federation/partners}. Policies are the three of the Quad test: Japan's has its own
 * classifications (KIMITSU has no equivalent abroad); the U.S. and Australian ones share names
 * but are distinct policies, each with equivalences to the others.
 */
public final class Nations {

    public static final String JPN_POLICY = """
            policy: JPN
            relToFirst: JPN
            classifications:
              - {name: TORIATSUKAICHUI, rank: 0, marking: TORIATSUKAI CHUI, portion: TC}
              - {name: HI, rank: 2, marking: HI, portion: H}
              - {name: KIMITSU, rank: 3, marking: KIMITSU, portion: K}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
              - {tag: Special, type: RESTRICTIVE, values: {ALPHA: A, BRAVO: B}}
            equivalences:
              USA: {classifications: {TORIATSUKAICHUI: CONFIDENTIAL, HI: SECRET},
                    tags: {Releasable To: Releasable To, Special: Special}}
              AUS: {classifications: {TORIATSUKAICHUI: CONFIDENTIAL, HI: SECRET},
                    tags: {Releasable To: Releasable To, Special: Special}}
            """;

    /** The U.S. or Australian policy: {@code $ID} is replaced by the policy id, {@code $OTHER} by the third one. */
    public static final String WESTERN_POLICY = """
            policy: $ID
            relToFirst: $ID
            classifications:
              - {name: UNCLASSIFIED, rank: 0, marking: UNCLASSIFIED, portion: U}
              - {name: CONFIDENTIAL, rank: 1, marking: CONFIDENTIAL, portion: C}
              - {name: SECRET, rank: 2, marking: SECRET, portion: S}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
              - {tag: Special, type: RESTRICTIVE, values: {ALPHA: A, BRAVO: B}}
            equivalences:
              JPN: {classifications: {CONFIDENTIAL: TORIATSUKAICHUI, SECRET: HI},
                    tags: {Releasable To: Releasable To, Special: Special}}
              $OTHER: {classifications: {UNCLASSIFIED: UNCLASSIFIED, CONFIDENTIAL: CONFIDENTIAL, SECRET: SECRET},
                      tags: {Releasable To: Releasable To, Special: Special}}
            """;

    private Nations() {
    }

    public static NodePki pki(Path dir, String node, String... clients) throws Exception {
        NodePki pki = NodePki.in(dir.resolve(node));
        pki.init(node, List.of("localhost", "127.0.0.1"));
        for (String c : clients) {
            pki.issueClient(c, null, "127.0.0.1", 8089);
        }
        return pki;
    }

    /** Puts {@code partner}'s CA into {@code node}'s federation trust directory. */
    public static void trust(Path dir, String node, String partner) throws Exception {
        Path partners = dir.resolve(node).resolve("federation").resolve("partners");
        Files.createDirectories(partners);
        Files.copy(dir.resolve(partner).resolve("pki").resolve("ca.pem"), partners.resolve(partner + ".pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Starts node {@code node} from the files written here.
     *
     * @param policy the policy YAML, {@code rules} the release rules YAML, {@code settings} the
     *               rest of {@code kizuna.yaml} after the {@code node} and {@code streaming} keys
     */
    static RunningNode start(Path dir, String node, String nation, String policy, String rules, String settings)
            throws Exception {
        Path data = dir.resolve(node);
        Files.writeString(data.resolve("policy.yaml"), policy);
        Files.writeString(data.resolve("rules.yaml"), rules);
        Path yaml = Files.writeString(data.resolve("kizuna.yaml"), "node: {id: " + node + ", nation: " + nation + "}\n"
                + "streaming:\n  tls: {bind: 127.0.0.1, port: 0}\n"
                + "store: {enabled: false}\nhttp: {enabled: false}\n" + settings);
        return RunningNode.start(NodeConfigLoader.load(yaml, data));
    }

    /** Starts node {@code node} without a policy: labels off, everything group-reachable is released and accepted. */
    static RunningNode startWithoutLabels(Path dir, String node, String nation, String settings) throws Exception {
        Path data = dir.resolve(node);
        Path yaml = Files.writeString(data.resolve("kizuna.yaml"), "node: {id: " + node + ", nation: " + nation + "}\n"
                + "streaming:\n  tls: {bind: 127.0.0.1, port: 0}\n"
                + "store: {enabled: false}\nhttp: {enabled: false}\n" + settings);
        return RunningNode.start(NodeConfigLoader.load(yaml, data));
    }

    static TestClient connect(Path dir, RunningNode node, String client) throws Exception {
        Path pki = dir.resolve(node.config().server().nodeId()).resolve("pki");
        return TestClient.tls(ClientTls.context(pki.resolve("clients").resolve(client + ".pem"),
                pki.resolve("clients").resolve(client + ".key.pem"), pki.resolve("ca.pem")), node.server().port("tls"));
    }

    public static void awaitActive(RunningNode node, String... partners) throws InterruptedException {
        Federation f = node.federation().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (String p : partners) {
            while (f.state(p) != LinkState.ACTIVE && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(f.state(p)).as("link " + node.config().server().nodeId() + " → " + p).isEqualTo(LinkState.ACTIVE);
        }
    }

    static void awaitSessions(RunningNode node, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (node.server().sessions().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(node.server().sessions().size()).isEqualTo(n);
    }

    /** Waits until {@code condition} holds (a state to reach, never a timing to assert). */
    public static void eventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
