package org.kizuna.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.AuditLines;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.testing.KizunaCli;
import org.kizuna.core.testing.Events;
import org.kizuna.federation.Federation;
import org.kizuna.federation.link.LinkState;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.NodePki;
import org.kizuna.server.testing.TestClient;
import org.kizuna.store.audit.AuditLog;

/**
 * Two nodes federated as an operator sets them up ({@code pki init}, {@code federate add},
 * {@code serve}); {@code kizuna federate remove} on Japan's data directory while both run: the
 * link closes within two seconds, the U.S. node's redials are refused, nothing crosses any more.
 */
class FederateRemoveOnRunningNodeTest {

    @TempDir
    Path dir;

    @Test
    void aRemovedPartnersLinkClosesWithinTwoSecondsAndItsRedialsAreRefused() throws Exception {
        for (String node : List.of("jpn-1", "usa-1")) {
            NodePki pki = NodePki.in(dir.resolve(node));
            pki.init(node, List.of("localhost", "127.0.0.1"));
            pki.issueClient(node.equals("jpn-1") ? "tanaka" : "smith", null, "127.0.0.1", 8089);
        }
        assertThat(kizuna("federate", "add", "usa-1", "--nation", "USA", "--data", data("jpn-1"), "--ca",
                dir.resolve("usa-1/pki/ca.pem").toString())).isZero();
        assertThat(kizuna("federate", "add", "jpn-1", "--nation", "JPN", "--data", data("usa-1"), "--ca",
                dir.resolve("jpn-1/pki/ca.pem").toString())).isZero();
        try (RunningNode jpn = start("jpn-1", "JPN", "federation: {bind: 127.0.0.1, port: 0}\n")) {
            int port = jpn.federation().orElseThrow().port();
            try (RunningNode usa = start("usa-1", "USA", "federation:\n  listen: false\n  partners:\n"
                    + "    jpn-1: {nation: JPN, dial: \"127.0.0.1:" + port + "\"}\n");
                 TestClient tanaka = connect(jpn, "tanaka");
                 TestClient smith = connect(usa, "smith")) {
                Federation atJpn = jpn.federation().orElseThrow();
                Federation atUsa = usa.federation().orElseThrow();
                tanaka.send(Events.pli("ANDROID-TANAKA", "TANAKA"));
                smith.awaitUid("jpn-1:ANDROID-TANAKA");

                long removedAt = System.nanoTime();
                assertThat(kizuna("federate", "remove", "usa-1", "--data", data("jpn-1"), "--by", "yamada")).isZero();

                awaitWithin(Duration.ofSeconds(2), removedAt, () -> atJpn.state("usa-1") == LinkState.CLOSED
                        && atUsa.state("jpn-1") != LinkState.ACTIVE);
                // the U.S. node redials (its backoff starts at 500 ms) and is refused by certificate
                awaitWithin(TestClient.WAIT, removedAt, () -> refused(atJpn) >= 1);
                assertThat(atUsa.state("jpn-1")).isNotEqualTo(LinkState.ACTIVE);
                tanaka.send(Events.pli("ANDROID-TANAKA-2", "TANAKA"));
                smith.send(Events.pli("ANDROID-SMITH", "SMITH"));
                smith.assertNothing(e -> e.uid().equals("jpn-1:ANDROID-TANAKA-2"), Duration.ofMillis(500));
                tanaka.assertNothing(e -> e.uid().equals("usa-1:ANDROID-SMITH"), Duration.ofMillis(100));
            }
        }
        Path audit = AuditLog.file(dir.resolve("jpn-1"));
        int admin = AuditLines.find(audit, "partner-removed", "yamada", "partner usa-1 removed");
        int closed = AuditLines.find(audit, "partner-link-closed", "node", "partner usa-1 removed by yamada");
        assertThat(admin).as("the admin's record").isNotNegative();
        assertThat(closed).as("the node's record, after the admin's").isGreaterThan(admin);
    }

    private RunningNode start(String node, String nation, String federation) throws Exception {
        Path yaml = Files.writeString(dir.resolve(node + ".yaml"), "node: {id: " + node + ", nation: " + nation + "}\n"
                + "streaming:\n  tls: {bind: 127.0.0.1, port: 0}\n"
                + "store: {enabled: false}\nhttp: {enabled: false}\n" + federation);
        return RunningNode.start(NodeConfigLoader.load(yaml, dir.resolve(node)));
    }

    private TestClient connect(RunningNode node, String user) throws Exception {
        Path pki = node.config().dataDir().resolve("pki");
        TestClient client = TestClient.tls(ClientTls.context(pki.resolve("clients").resolve(user + ".pem"),
                pki.resolve("clients").resolve(user + ".key.pem"), pki.resolve("ca.pem")), node.server().port("tls"));
        client.await(e -> e.type().value().equals("t-x-takp-v")); // registered: routed traffic reaches it
        return client;
    }

    private static double refused(Federation federation) {
        return federation.metrics().count("kizuna.federation.refused", "removed-partner");
    }

    private static void awaitWithin(Duration limit, long fromNanos, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - fromNanos > limit.toNanos()) {
                throw new AssertionError("not within " + limit.toMillis() + " ms");
            }
            Thread.sleep(5); // polling a condition; the limit is what is tested
        }
    }

    private String data(String node) {
        return dir.resolve(node).toString();
    }

    /** The command's exit code; what it printed goes to stderr when it failed. */
    private static int kizuna(String... args) {
        KizunaCli.Run run = KizunaCli.kizuna(args);
        if (run.exit() != 0) {
            System.err.println(run.out() + run.err());
        }
        return run.exit();
    }
}
