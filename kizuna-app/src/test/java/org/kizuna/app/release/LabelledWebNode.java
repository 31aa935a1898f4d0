package org.kizuna.app.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.NodePki;
import org.kizuna.server.http.auth.PasswordHash;
import org.kizuna.server.testing.TestClient;
import org.kizuna.store.account.AccountRow;

/**
 * A labelled node with the web COP on loopback HTTP: a Japanese policy (TORIATSUKAI CHUI < HI,
 * REL TO), PEACETIME coarsening positions for U.S. recipients, CONTINGENCY releasing to Japan
 * only; a TLS sender cleared for HI; web accounts {@code watch} (HI, Japan), {@code lno} (HI,
 * U.S.) and {@code low} (no webUsers entry: {@code policy.clearance}, TORIATSUKAI CHUI) as
 * operators, {@code alice} and {@code bob} as admins, all in group Blue with password
 * {@link #PASSWORD}.
 */
public final class LabelledWebNode {

    public static final String PASSWORD = "a-long-enough-password";

    private LabelledWebNode() {
    }

    public static RunningNode start(Path dir) throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), """
                policy: JPN
                relToFirst: JPN
                classifications:
                  - {name: TORIATSUKAICHUI, rank: 0, marking: TORIATSUKAI CHUI, portion: TC}
                  - {name: HI, rank: 2, marking: HI, portion: H}
                categories:
                  - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
                """);
        Files.writeString(dir.resolve("rules.yaml"), """
                PEACETIME:
                  - {name: partners-coarse, types: [a], nations: [USA], obligations: {coarsen: 1000}}
                  - {name: home, nations: [JPN]}
                CONTINGENCY:
                  - {name: home, nations: [JPN]}
                """);
        Path yaml = Files.writeString(dir.resolve("kizuna.yaml"), """
                node: {id: jpn-1}
                streaming:
                  tls: {bind: 127.0.0.1, port: 0}
                http: {bind: 127.0.0.1, port: 0, tls: false}
                enrollment: {enabled: true}
                groups: {default: [Blue]}
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: {classification: TORIATSUKAICHUI, categories: {Releasable To: [JPN, USA]}}
                  clearance: {upTo: TORIATSUKAICHUI, nation: JPN, categories: {Releasable To: [JPN]}}
                clients:
                  jpn-sender: {clearance: {upTo: HI, nation: JPN, categories: {Releasable To: [JPN]}}}
                  "web:low": {clearance: {upTo: HI, nation: JPN, categories: {Releasable To: [JPN]}}}
                webUsers:
                  watch: {clearance: {upTo: HI, nation: JPN, categories: {Releasable To: [JPN]}}}
                  lno: {clearance: {upTo: HI, nation: USA, categories: {Releasable To: [USA]}}}
                """);
        NodePki pki = NodePki.in(dir);
        pki.init("jpn-1", List.of("localhost", "127.0.0.1"));
        pki.issueClient("jpn-sender", null, "127.0.0.1", 8089);
        RunningNode node = RunningNode.start(NodeConfigLoader.load(yaml, dir));
        for (String name : List.of("watch", "lno", "low", "alice", "bob")) {
            String role = name.equals("alice") || name.equals("bob") ? "admin" : "operator";
            node.history().orElseThrow().store().accounts().add(new AccountRow(name,
                    new PasswordHash(PasswordHash.Cost.DEFAULT).hash(PASSWORD.toCharArray()), role,
                    Set.of("Blue"), Instant.now()));
        }
        return node;
    }

    public static TestClient sender(Path dir, RunningNode node) throws Exception {
        Path clients = dir.resolve("pki/clients");
        return TestClient.tls(ClientTls.context(clients.resolve("jpn-sender.pem"), clients.resolve("jpn-sender.key.pem"),
                dir.resolve("pki/ca.pem")), node.server().port("tls"));
    }

}
