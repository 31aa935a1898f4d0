package org.kizuna.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.core.testing.Events.pli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.AuditLines;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.testing.KizunaCli;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.NodePki;
import org.kizuna.server.testing.TestClient;
import org.kizuna.store.audit.AuditLog;

/**
 * {@code kizuna pki revoke} against the data directory of a node that runs: the revoked user's
 * connection closes within two seconds, its reconnects fail, everyone else stays connected, and
 * the audit log holds the admin's record, then the node's.
 */
class RevokeOnRunningNodeTest {

    @TempDir
    Path dir;
    RunningNode node;

    @BeforeEach
    void start() throws Exception {
        NodePki pki = NodePki.in(data());
        pki.init("jpn-1", List.of("localhost", "127.0.0.1"));
        for (String user : List.of("alice", "bob", "carol")) {
            pki.issueClient(user, null, "127.0.0.1", 8089);
        }
        Path yaml = Files.writeString(dir.resolve("kizuna.yaml"), """
                node: {id: jpn-1, nation: JPN}
                streaming:
                  tls: {bind: 127.0.0.1, port: 0}
                store: {enabled: false}
                http: {enabled: false}
                """);
        node = RunningNode.start(NodeConfigLoader.load(yaml, data()));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void theRevokedUsersConnectionClosesWithinTwoSecondsAndOnlyTheirs() throws Exception {
        try (TestClient alice = connect("alice"); TestClient bob = connect("bob"); TestClient carol = connect("carol")) {
            alice.send(pli("ANDROID-ALICE", "ALICE"));
            bob.awaitUid("ANDROID-ALICE");

            long revokedAt = System.nanoTime();
            int exit = kizuna("pki", "revoke", "alice", "--data", data().toString(), "--reason", "key-compromise",
                    "--by", "yamada");

            assertThat(exit).isZero();
            assertThat(alice.awaitClosed(Duration.ofSeconds(2).minusNanos(System.nanoTime() - revokedAt)))
                    .as("alice's connection closed within 2 s of the revocation").isTrue();
            bob.send(pli("ANDROID-BOB", "BOB"));
            carol.awaitUid("ANDROID-BOB");
            assertThat(bob.isClosed()).isFalse();
            assertThat(node.server().metrics().count("kizuna.sessions.closed", "revoked")).isEqualTo(1);
            assertReconnectRefused("alice", carol);
            assertThat(node.server().metrics().count("kizuna.tls.refused", "revoked")).isEqualTo(1);
        }
        int admin = AuditLines.find(AuditLog.file(data()), "certificate-revoked", "yamada", "client certificate 'alice'");
        int closed = AuditLines.find(AuditLog.file(data()), "session-closed-revoked", "node", "streaming connection of 'CN=alice'");
        assertThat(admin).as("the admin's record").isNotNegative();
        assertThat(closed).as("the node's record, after the admin's").isGreaterThan(admin);
    }

    /** TLS 1.3: the refusal shows as a failed handshake, or as a connection closed at once, unheard. */
    private void assertReconnectRefused(String user, TestClient watcher) throws Exception {
        try (TestClient again = connect(user)) {
            try {
                again.send(pli("ANDROID-ALICE-AGAIN", "ALICE"));
            } catch (IOException alreadyClosed) {
                // the server's alert arrived first
            }
            assertThat(again.awaitClosed(TestClient.WAIT)).isTrue();
        } catch (SSLException handshakeFailed) {
            // refused during the handshake
        }
        watcher.assertNothing(e -> e.uid().equals("ANDROID-ALICE-AGAIN"), Duration.ofMillis(300));
    }

    private TestClient connect(String user) throws Exception {
        Path pki = data().resolve("pki");
        return TestClient.tls(ClientTls.context(pki.resolve("clients").resolve(user + ".pem"),
                pki.resolve("clients").resolve(user + ".key.pem"), pki.resolve("ca.pem")), node.server().port("tls"));
    }

    private Path data() {
        return dir.resolve("data");
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
