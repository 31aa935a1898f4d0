package org.kizuna.app.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.Kizuna;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.serve.NodeBanner;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.pki.NodePki;
import org.kizuna.server.testing.WebClient;
import picocli.CommandLine;

/** {@code kizuna user add}, then the account logs in to a node started from the same data directory. */
class UserCommandTest {

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
    void anAddedUserLogsInOverHttpsWithItsRoleAndGroups() throws Exception {
        NodePki.in(dir).init("test-node", List.of("localhost", "127.0.0.1"));
        StringWriter err = new StringWriter();
        assertThat(run("a long enough password\n", err, "user", "add", "alice", "--role", "operator",
                "--groups", "Blue,Red", "--password-stdin", "--data", dir.toString())).as(err.toString()).isZero();
        assertThat(run("another long password\n", err, "user", "add", "alice", "--role", "viewer",
                "--password-stdin", "--data", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("exists already");

        Path yaml = Files.writeString(dir.resolve("kizuna.yaml"), """
                node: {id: test-node}
                streaming: {tls: {bind: 127.0.0.1, port: 0}}
                http: {bind: 127.0.0.1, port: 0}
                """);
        try (RunningNode node = RunningNode.start(NodeConfigLoader.load(yaml, dir))) {
            assertThat(NodeBanner.describe(node)).contains("web COP          https://127.0.0.1:");
            WebClient browser = new WebClient(trusting(NodePki.in(dir)),
                    "https://127.0.0.1:" + node.web().orElseThrow().port());
            assertThat(browser.login("alice", "a long enough password").statusCode()).isEqualTo(200);
            var me = WebClient.json(browser.get("/api/me"));
            assertThat(me.get("role").asText()).isEqualTo("operator");
            assertThat(me.get("groups").toString()).isEqualTo("[\"Blue\",\"Red\"]");
            assertThat(browser.login("alice", "another long password").statusCode()).isEqualTo(401);
            assertThat(WebClient.json(browser.get("/health")).get("checks").get("store").get("status").asText())
                    .isEqualTo("UP");
        }
    }

    @Test
    void passwdAndRemoveChangeWhoCanLogIn() throws Exception {
        NodePki.in(dir).init("test-node", List.of("localhost", "127.0.0.1"));
        StringWriter err = new StringWriter();
        String data = dir.toString();
        assertThat(run("a long enough password\n", err, "user", "add", "alice", "--role", "operator",
                "--groups", "Blue", "--password-stdin", "--data", data)).as(err.toString()).isZero();
        assertThat(run("a long enough password\n", err, "user", "add", "bob", "--role", "viewer",
                "--password-stdin", "--data", data)).as(err.toString()).isZero();
        assertThat(run("the newer long password\n", err, "user", "passwd", "alice", "--password-stdin",
                "--data", data)).as(err.toString()).isZero();
        assertThat(run("", err, "user", "remove", "bob", "--data", data)).as(err.toString()).isZero();
        assertThat(run("", err, "user", "remove", "bob", "--data", data)).isEqualTo(1);
        assertThat(run("the newer long password\n", err, "user", "passwd", "nobody", "--password-stdin",
                "--data", data)).isEqualTo(1);
        assertThat(run("short\n", err, "user", "passwd", "alice", "--password-stdin", "--data", data)).isEqualTo(1);
        assertThat(err.toString()).contains("no account 'bob'").contains("no account 'nobody'").contains("at least 10");

        Path yaml = Files.writeString(dir.resolve("kizuna.yaml"), """
                node: {id: test-node}
                streaming: {tls: {bind: 127.0.0.1, port: 0}}
                http: {bind: 127.0.0.1, port: 0}
                """);
        try (RunningNode node = RunningNode.start(NodeConfigLoader.load(yaml, dir))) {
            WebClient browser = new WebClient(trusting(NodePki.in(dir)),
                    "https://127.0.0.1:" + node.web().orElseThrow().port());
            assertThat(browser.login("alice", "a long enough password").statusCode()).isEqualTo(401);
            assertThat(browser.login("bob", "a long enough password").statusCode()).isEqualTo(401);
            assertThat(browser.login("alice", "the newer long password").statusCode()).isEqualTo(200);
            assertThat(WebClient.json(browser.get("/api/me")).get("role").asText()).isEqualTo("operator");
        }
    }

    @Test
    void badInputIsRefusedWithAReason() {
        StringWriter err = new StringWriter();
        assertThat(run("short\n", err, "user", "add", "bob", "--role", "operator", "--password-stdin",
                "--data", dir.toString())).isEqualTo(1);
        assertThat(run("long enough password\n", err, "user", "add", "bob", "--role", "general", "--password-stdin",
                "--data", dir.toString())).isEqualTo(1);
        assertThat(run("long enough password\n", err, "user", "add", "../bob", "--role", "viewer", "--password-stdin",
                "--data", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("at least 10 characters").contains("unknown role 'general'")
                .contains("account name must be");
    }

    private static SSLContext trusting(NodePki pki) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
