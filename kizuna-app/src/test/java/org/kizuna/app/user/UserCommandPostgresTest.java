package org.kizuna.app.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.Kizuna;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.pki.NodePki;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.WebClient;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.TestDatabase;
import picocli.CommandLine;

/**
 * The account commands against a node that runs meanwhile, sharing PostgreSQL: {@code user add}
 * lets a browser in at once; {@code user passwd} and {@code user remove} sign its sessions out
 * (401) and close its live feed.
 */
class UserCommandPostgresTest {

    @TempDir
    Path dir;

    private int run(String stdin, StringWriter err, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return new CommandLine(new Kizuna()).setOut(new PrintWriter(new StringWriter()))
                    .setErr(new PrintWriter(err, true)).execute(args);
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void passwdAndRemoveSignARunningNodesSessionsOut() throws Exception {
        TestDatabase db = TestDatabase.postgres();
        try {
            StoreSettings pg = db.settings();
            NodePki.in(dir).init("pg-node", List.of("localhost", "127.0.0.1"));
            Path yaml = Files.writeString(dir.resolve("kizuna.yaml"), """
                    node: {id: pg-node}
                    streaming: {tls: {bind: 127.0.0.1, port: 0}}
                    http: {bind: 127.0.0.1, port: 0, tls: false}
                    store: {url: "%s", user: "%s", password: "%s"}
                    """.formatted(pg.url(), pg.user(), pg.password()));
            String[] where = {"--data", dir.toString(), "--config", yaml.toString()};
            try (RunningNode node = RunningNode.start(NodeConfigLoader.load(yaml, dir))) {
                StringWriter err = new StringWriter();
                for (String name : List.of("alice", "bob")) {
                    assertThat(run("a long enough password\n", err, concat(new String[] {"user", "add", name, "--role",
                            "viewer", "--password-stdin"}, where))).as(err.toString()).isZero();
                }
                String base = "http://127.0.0.1:" + node.web().orElseThrow().port();
                WebClient alice = new WebClient(SSLContext.getDefault(), base);
                WebClient bob = new WebClient(SSLContext.getDefault(), base);
                assertThat(alice.login("alice", "a long enough password").statusCode()).isEqualTo(200);
                assertThat(bob.login("bob", "a long enough password").statusCode()).isEqualTo(200);

                try (WebClient.Live live = alice.live(base)) {
                    live.await(m -> m.get("op").asText().equals("hello"));
                    assertThat(run("", err, concat(new String[] {"user", "remove", "alice"}, where))).as(err.toString())
                            .isZero();
                    assertThat(live.awaitClosed()).isNotEmpty();
                    Await.until(() -> status(alice) == 401, "alice is signed out");
                }
                assertThat(run("the newer long password\n", err, concat(new String[] {"user", "passwd", "bob",
                        "--password-stdin"}, where))).as(err.toString()).isZero();
                Await.until(() -> status(bob) == 401, "bob's session from before the new password ends");
                assertThat(bob.login("bob", "the newer long password").statusCode()).isEqualTo(200);
                assertThat(alice.login("alice", "a long enough password").statusCode()).isEqualTo(401);
            }
        } finally {
            db.drop();
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int status(WebClient web) {
        try {
            return web.get("/api/me").statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
