package org.kizuna.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.release.Nations;
import org.kizuna.app.testing.KizunaCli;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Point;
import org.kizuna.federation.link.LinkState;
import org.kizuna.pki.ClientTls;
import org.kizuna.server.testing.TestClient;

/**
 * Someone with an account on the host but not the node's finds nothing to read in its data
 * directory: two federated nodes made with the product's own commands (pki, federate, posture)
 * run with history, audit, uid bindings, link journals and a pseudonym key, then every directory
 * under DATA must be rwx------ and every file rw-------, whatever this JVM's umask (022 here).
 * The operator's own configuration files live outside DATA and are not the node's to judge.
 */
class DataAtRestTest {

    private static final String RULES = "PEACETIME:\n  - {name: all}\nCONTINGENCY:\n  - {name: all}\n";

    @TempDir
    Path dir;

    @Test
    void everythingANodeWritesUnderItsDataDirectoryIsOwnerOnly() throws Exception {
        Path jpnData = dir.resolve("jpn-data");
        Path usaData = dir.resolve("usa-data");
        kizuna("pki", "init", "--data", jpnData.toString(), "--node", "jpn-1", "--host", "localhost,127.0.0.1");
        kizuna("pki", "init", "--data", usaData.toString(), "--node", "usa-1", "--host", "localhost,127.0.0.1");
        kizuna("pki", "client", "tanaka", "--data", jpnData.toString(), "--groups", "Blue");
        kizuna("federate", "add", "usa-1", "--data", jpnData.toString(), "--nation", "USA",
                "--ca", usaData.resolve("pki").resolve("ca.pem").toString());

        try (RunningNode jpn = start("jpn-1", "JPN", jpnData, "")) {
            kizuna("federate", "add", "jpn-1", "--data", usaData.toString(), "--nation", "JPN",
                    "--ca", jpnData.resolve("pki").resolve("ca.pem").toString(),
                    "--dial", "127.0.0.1:" + jpn.federation().orElseThrow().port());
            try (RunningNode usa = start("usa-1", "USA", usaData, "")) {
                awaitActive(jpn, "usa-1");
                try (TestClient tanaka = connect(jpnData, jpn, "tanaka")) {
                    Instant now = Instant.now();
                    tanaka.send(CotEvent.builder("TANAKA-1", "a-f-G-U-C").how("m-g").times(now, now.plusSeconds(300))
                            .point(new Point(35.6, 139.7, 0, 10, 10)).build());
                    awaitEventually(() -> jpn.server().picture().get("TANAKA-1") != null, "TANAKA-1 routed");
                }
                kizuna("posture", "request", "CONTINGENCY", "--by", "alice", "--data", jpnData.toString());
                kizuna("posture", "approve", "--by", "bob", "--data", jpnData.toString());
                awaitEventually(() -> jpn.release().posture().orElseThrow().version() > 1, "posture in force");
            }
        }

        for (Path data : List.of(jpnData, usaData)) {
            assertThat(sharedEntries(data)).as("entries of " + data + " others may read").isEmpty();
        }
        assertThat(jpnData.resolve("history")).isDirectory();
        assertThat(jpnData.resolve("policy").resolve("pseudonym.key")).isRegularFile();
        assertThat(jpnData.resolve("audit").resolve("audit.log")).isRegularFile();
        assertThat(jpnData.resolve("federation").resolve("links")).isDirectory();
    }

    @Test
    void aDataDirectoryOthersMayEnterIsClosedToThemWhenTheNodeStarts() throws Exception {
        Path data = dir.resolve("data");
        kizuna("pki", "init", "--data", data.toString(), "--node", "jpn-1", "--host", "localhost,127.0.0.1");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (RunningNode node = start("jpn-1", "JPN", data, "store: {enabled: false}\n")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        }
    }

    /** A node of {@code nation} (JPN or USA) with the Quad test's policies, configured outside its data directory. */
    private RunningNode start(String id, String nation, Path data, String extra) throws Exception {
        boolean japan = nation.equals("JPN");
        String other = japan ? "USA" : "JPN";
        Path conf = Files.createDirectories(dir.resolve("conf-" + id));
        Files.writeString(conf.resolve("policy.yaml"),
                japan ? Nations.JPN_POLICY : Nations.WESTERN_POLICY.replace("$ID", "USA").replace("$OTHER", "AUS"));
        Files.writeString(conf.resolve("rules.yaml"), RULES);
        Path yaml = Files.writeString(conf.resolve("kizuna.yaml"), "node: {id: " + id + ", nation: " + nation + "}\n"
                + "streaming:\n  tls: {bind: 127.0.0.1, port: 0}\n"
                + "http: {enabled: false}\n"
                + "groups: {default: [__ANON__]}\n"
                + "federation: {bind: 127.0.0.1, port: 0}\n"
                + "policy:\n  file: policy.yaml\n  rules: rules.yaml\n"
                + "  label: {classification: " + (japan ? "TORIATSUKAICHUI" : "CONFIDENTIAL")
                + ", categories: {Releasable To: [JPN, USA]}}\n"
                + "  clearance: {upTo: " + (japan ? "HI" : "SECRET") + ", nation: " + nation
                + ", categories: {Releasable To: [" + nation + "]}}\n"
                + "  accreditations:\n    " + other + ": {upTo: " + (japan ? "HI" : "SECRET") + ", nation: " + other
                + ", categories: {Releasable To: [JPN, USA]}}\n"
                + extra);
        return RunningNode.start(NodeConfigLoader.load(yaml, data));
    }

    private static TestClient connect(Path data, RunningNode node, String client) throws Exception {
        Path pki = data.resolve("pki");
        return TestClient.tls(ClientTls.context(pki.resolve("clients").resolve(client + ".pem"),
                pki.resolve("clients").resolve(client + ".key.pem"), pki.resolve("ca.pem")), node.server().port("tls"));
    }

    private static List<String> sharedEntries(Path data) throws IOException {
        List<String> shared = new ArrayList<>();
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                String wanted = Files.isDirectory(p) ? "rwx------" : "rw-------";
                if (!perms.equals(wanted)) {
                    shared.add(data.relativize(p) + " " + perms);
                }
            }
        }
        return shared;
    }

    private static void kizuna(String... args) {
        KizunaCli.Run run = KizunaCli.kizuna(args);
        assertThat(run.exit()).as(String.join(" ", args) + ": " + run.out() + run.err()).isZero();
    }

    private static void awaitActive(RunningNode node, String partner) throws InterruptedException {
        awaitEventually(() -> node.federation().orElseThrow().state(partner) == LinkState.ACTIVE, "link to " + partner);
    }

    private static void awaitEventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
