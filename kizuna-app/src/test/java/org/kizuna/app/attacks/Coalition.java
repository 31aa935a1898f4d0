package org.kizuna.app.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.kizuna.app.Kizuna;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.interop.InteropClient;
import org.kizuna.app.release.Nations;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.pki.ClientTls;
import org.kizuna.server.http.auth.PasswordHash;
import org.kizuna.server.testing.WebClient;
import org.kizuna.store.account.AccountRow;
import picocli.CommandLine;

/**
 * The two nodes of {@code ./kizuna demo} as an attacker meets them: Japan ({@code jpn-demo}) and
 * the United States ({@code usa-demo}), each with its own PKI, the demo's policies, postures and
 * release rules, federated over mutual TLS on loopback. Japan serves the web COP over HTTPS
 * (certificate callers and logged-in accounts) with a history store; its rules add one the demo
 * lacks, hostile tracks released to the U.S. without identity, so the pseudonym edges can be
 * tried. Certificate clients of either node are cleared for their own nation's caveated marking
 * ({@code HI REL TO JPN}, {@code CONFIDENTIAL REL TO USA}); Japan's {@code usa-lno} certificate
 * and web account {@code lno} are a U.S. liaison (HI, U.S. only). Web accounts {@code watch}
 * (operator) and {@code alice} (admin) are Japanese, all with password {@link #PASSWORD}.
 *
 * <p>Attackers and observers are the independent node-tak client ({@link InteropClient}) in
 * {@code --steps} mode, started by {@link #tak}; all are closed with the nodes.
 */
final class Coalition implements AutoCloseable {

    static final String JPN = "jpn-demo";
    static final String USA = "usa-demo";
    static final String PASSWORD = "a-long-enough-password";
    /** The demo's coarsening of ally positions in PEACETIME, in metres. */
    static final int COARSE_METRES = 5000;

    private static final String JPN_POLICY = """
            policy: JPN
            relToFirst: JPN
            classifications:
              - {name: TORIATSUKAICHUI, rank: 0, marking: TORIATSUKAI CHUI, portion: TC}
              - {name: HI, rank: 2, marking: HI, portion: H}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
            equivalences:
              USA: {classifications: {TORIATSUKAICHUI: UNCLASSIFIED, HI: CONFIDENTIAL},
                    tags: {Releasable To: Releasable To}}
            """;
    private static final String USA_POLICY = """
            policy: USA
            relToFirst: USA
            classifications:
              - {name: UNCLASSIFIED, rank: 0, marking: UNCLASSIFIED, portion: U}
              - {name: CONFIDENTIAL, rank: 2, marking: CONFIDENTIAL, portion: C}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
            equivalences:
              JPN: {classifications: {UNCLASSIFIED: TORIATSUKAICHUI, CONFIDENTIAL: HI},
                    tags: {Releasable To: Releasable To}}
            """;
    /** The demo's rules ({@code DemoNation.rules}), plus hostile tracks to the ally without identity. */
    private static final String RULES = """
            PEACETIME:
              - {name: home, nations: [%1$s]}
              - {name: ally-positions-coarse, types: [a-f, a-n], nations: [%2$s],
                 obligations: {coarsen: %3$d, strip: [remarks]}}
              - {name: ally-hostiles-anonymous, types: [a-h], nations: [%2$s], obligations: {dropIdentity: true}}
            CONTINGENCY:
              - {name: alliance, nations: [%1$s, %2$s]}
            """;

    /** The U.S. node: no web, no history; it waits for Japan to dial. */
    private static final String USA_SETTINGS = """
            store: {enabled: false}
            http: {enabled: false}
            policy:
              file: policy.yaml
              rules: rules.yaml
              label: {classification: UNCLASSIFIED, categories: {Releasable To: [USA, JPN]}}
              clearance: {upTo: CONFIDENTIAL, nation: USA, categories: {Releasable To: [USA]}}
              accreditations:
                JPN: {upTo: CONFIDENTIAL, nation: JPN, categories: {Releasable To: [JPN]}}
            federation:
              bind: 127.0.0.1
              port: 0
              partners:
                jpn-demo: {nation: JPN}
            """;
    /** Japan: the web COP over HTTPS, the U.S. liaison's certificate and account; dials the U.S. ({@code %d}). */
    private static final String JPN_SETTINGS = """
            http: {bind: 127.0.0.1, port: 0, tls: true}
            policy:
              file: policy.yaml
              rules: rules.yaml
              label: {classification: TORIATSUKAICHUI, categories: {Releasable To: [JPN, USA]}}
              clearance: {upTo: HI, nation: JPN, categories: {Releasable To: [JPN]}}
              accreditations:
                USA: {upTo: HI, nation: USA, categories: {Releasable To: [USA]}}
            clients:
              usa-lno: {clearance: {upTo: HI, nation: USA, categories: {Releasable To: [USA]}}}
            webUsers:
              lno: {clearance: {upTo: HI, nation: USA, categories: {Releasable To: [USA]}}}
            federation:
              bind: 127.0.0.1
              port: 0
              partners:
                usa-demo: {nation: USA, dial: "127.0.0.1:%d"}
            """;

    private final Path dir;
    private final RunningNode usa;
    private final RunningNode jpn;
    private final List<InteropClient> clients = new ArrayList<>();

    private Coalition(Path dir, RunningNode usa, RunningNode jpn) {
        this.dir = dir;
        this.usa = usa;
        this.jpn = jpn;
    }

    /** Starts both nodes, linked, with certificates for the named clients of each. */
    static Coalition start(Path dir, List<String> jpnClients, List<String> usaClients) throws Exception {
        InteropClient.requireInstalled();
        Nations.pki(dir, JPN, jpnClients.toArray(String[]::new));
        Nations.pki(dir, USA, usaClients.toArray(String[]::new));
        Nations.trust(dir, JPN, USA);
        Nations.trust(dir, USA, JPN);
        RunningNode usa = node(dir, USA, USA_POLICY, RULES.formatted("USA", "JPN", COARSE_METRES), USA_SETTINGS);
        RunningNode jpn;
        try {
            jpn = node(dir, JPN, JPN_POLICY, RULES.formatted("JPN", "USA", COARSE_METRES),
                    JPN_SETTINGS.formatted(usa.federation().orElseThrow().port()));
        } catch (Exception | Error e) {
            usa.close();
            throw e;
        }
        Coalition c = new Coalition(dir, usa, jpn);
        try {
            for (String account : List.of("watch", "lno", "alice")) {
                jpn.history().orElseThrow().store().accounts().add(new AccountRow(account,
                        new PasswordHash(PasswordHash.Cost.DEFAULT).hash(PASSWORD.toCharArray()),
                        account.equals("alice") ? "admin" : "operator", Set.of("__ANON__"), Instant.now()));
            }
            Nations.awaitActive(jpn, USA);
            Nations.awaitActive(usa, JPN);
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static RunningNode node(Path dir, String id, String policy, String rules, String settings) throws Exception {
        Path data = dir.resolve(id);
        Files.writeString(data.resolve("policy.yaml"), policy);
        Files.writeString(data.resolve("rules.yaml"), rules);
        String nation = id.equals(JPN) ? "JPN" : "USA";
        Path yaml = Files.writeString(data.resolve("kizuna.yaml"), "node: {id: " + id + ", nation: " + nation + "}\n"
                + "streaming:\n  tls: {bind: 127.0.0.1, port: 0}\n" + "groups: {default: [__ANON__]}\n" + settings);
        return RunningNode.start(NodeConfigLoader.load(yaml, data));
    }

    RunningNode jpn() {
        return jpn;
    }

    RunningNode usa() {
        return usa;
    }

    /**
     * Starts a node-tak client of {@code node} with certificate {@code cert}, in {@code --steps}
     * mode and printing everything it receives, without waiting for it: start several, then
     * {@link #ready} them, and their Node.js start-ups overlap.
     */
    InteropClient launch(RunningNode node, String cert, boolean protobuf) throws IOException {
        Path pki = pkiOf(node);
        List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1",
                "--port", String.valueOf(node.server().port("tls")),
                "--cert", pki.resolve("clients").resolve(cert + ".pem").toString(),
                "--key", pki.resolve("clients").resolve(cert + ".key.pem").toString(),
                "--ca", pki.resolve("ca.pem").toString(), "--steps", "--print", "--timeout", "60"));
        if (protobuf) {
            args.add("--protobuf");
        }
        InteropClient client = InteropClient.start(args);
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** Waits until each client is connected (and, with {@code --protobuf}, has negotiated). */
    static void ready(InteropClient... started) throws InterruptedException {
        for (InteropClient c : started) {
            c.awaitLine("READY", Duration.ofSeconds(60));
        }
    }

    /** One node-tak client, connected. */
    InteropClient tak(RunningNode node, String cert) throws Exception {
        InteropClient c = launch(node, cert, false);
        ready(c);
        return c;
    }

    /** A browser stand-in logged in to Japan's web COP over HTTPS as {@code account}. */
    WebClient web(String account) throws Exception {
        WebClient web = new WebClient(trustingNodeCa(), webBase());
        assertThat(web.login(account, PASSWORD).statusCode()).as("login " + account).isEqualTo(200);
        return web;
    }

    /** A TAK client calling Japan's HTTPS API with its certificate (and no login). */
    WebClient certificateCaller(String cert) throws IOException {
        Path pki = pkiOf(jpn);
        return new WebClient(ClientTls.context(pki.resolve("clients").resolve(cert + ".pem"),
                pki.resolve("clients").resolve(cert + ".key.pem"), pki.resolve("ca.pem")), webBase());
    }

    String webBase() {
        return "https://127.0.0.1:" + jpn.web().orElseThrow().port();
    }

    /** Two admins request and approve posture {@code name} at {@code node}; returns once it is in force. */
    static void posture(RunningNode node, String name) throws InterruptedException {
        String data = node.config().dataDir().toString();
        long before = node.release().posture().orElseThrow().version();
        CommandLine cli = new CommandLine(new Kizuna());
        assertThat(cli.execute("posture", "request", name, "--by", "alice", "--data", data)).isZero();
        assertThat(cli.execute("posture", "approve", "--by", "bob", "--data", data)).isZero();
        Nations.eventually(() -> node.release().posture().orElseThrow().version() > before, "posture " + name + " in force");
    }

    /** {@code kizuna.events.rejected{reason}} at {@code node}. */
    static double rejected(RunningNode node, String reason) {
        return node.server().metrics().count("kizuna.events.rejected", reason);
    }

    private Path pkiOf(RunningNode node) {
        return dir.resolve(node.config().server().nodeId()).resolve("pki");
    }

    /** Trusts Japan's CA and presents no certificate, as a browser does. */
    private SSLContext trustingNodeCa() throws IOException {
        try (InputStream in = Files.newInputStream(pkiOf(jpn).resolve("ca.pem"))) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + JPN + "'s CA: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(InteropClient::close);
        }
        jpn.close();
        usa.close();
    }
}
