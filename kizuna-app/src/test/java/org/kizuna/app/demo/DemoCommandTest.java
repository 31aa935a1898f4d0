package org.kizuna.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.Kizuna;
import org.kizuna.cot.CotEvent;
import org.kizuna.pki.ClientTls;
import org.kizuna.server.testing.TestClient;
import org.kizuna.server.testing.WebClient;
import picocli.CommandLine;

/**
 * {@code kizuna demo} end to end: two national nodes with their PKIs, packages, simulators and
 * web COPs, federated over mutual TLS, seen by a Japanese TAK client and the U.S. web COP; then a
 * posture change at the U.S. node made with the admin commands.
 */
class DemoCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void twoFederatedNodesShareTheirPicturesAsTheirPosturesRelease() throws Exception {
        int[] pairs = freePairs(3);
        int port = pairs[0];
        int webPort = pairs[1];
        int federationPort = pairs[2];
        Path data = dir.resolve("demo-data");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Kizuna()).setOut(new PrintWriter(out));
        String[] args = {"demo", "--data", data.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
            "--web-port", String.valueOf(webPort), "--federation-port", String.valueOf(federationPort),
            "--duration", "600"}; // a safety net: the test stops the demo itself once it has seen enough
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread demo = new Thread(() -> exit.complete(cli.execute(args)), "demo-under-test");
        demo.start();

        awaitListening(port);
        Path jpn = data.resolve("jpn");
        Path clients = jpn.resolve("pki/clients");
        assertThat(clients.resolve("demo-alpha-package.zip")).exists();
        assertThat(data.resolve("usa/pki/clients/demo-bravo-package.zip")).exists();
        var tls = ClientTls.context(clients.resolve("demo-alpha.pem"), clients.resolve("demo-alpha.key.pem"),
                jpn.resolve("pki/ca.pem"));
        try (TestClient alpha = TestClient.tls(tls, port)) {
            // Japan's own units, exact, including the one for Japanese eyes only
            CotEvent ship = alpha.await(e -> e.uid().equals("DEMO-JMSDF-DD-1"), WAIT);
            assertThat(ship.point().ce()).isEqualTo(10);
            assertThat(alpha.await(e -> e.uid().equals("DEMO-JGSDF-RECON-1"), WAIT).access()).isEqualTo("HI");
            // the ally's ship across the link, coarsened to 5 km under the U.S. node's PEACETIME rules
            CotEvent coarse = alpha.await(e -> e.uid().equals("usa-demo:DEMO-USN-DDG-1"), WAIT);
            assertThat(coarse.point().ce()).isGreaterThanOrEqualTo(5000);
            assertThat(coarse.detail().remarksOpt()).isEmpty();

            // the U.S. web COP sees Japan's ship, but not the unit for Japanese eyes only
            WebClient usWatch = new WebClient(javax.net.ssl.SSLContext.getDefault(), "http://127.0.0.1:" + (webPort + 1));
            awaitListening(webPort + 1);
            assertThat(usWatch.login("demo", "kizuna-demo").statusCode()).isEqualTo(200);
            String contacts = usWatch.get("/api/contacts").body();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!contacts.contains("jpn-demo:DEMO-JMSDF-DD-1") && System.nanoTime() < deadline) {
                Thread.sleep(200); // Japan's simulator reports once a second; the first may still be on its way
                contacts = usWatch.get("/api/contacts").body();
            }
            assertThat(contacts).contains("jpn-demo:DEMO-JMSDF-DD-1").doesNotContain("DEMO-JGSDF-RECON-1");

            // CONTINGENCY at the U.S. node, by two admins: Japan gets the ship exactly
            String usa = data.resolve("usa").toString();
            CommandLine admin = new CommandLine(new Kizuna());
            assertThat(admin.execute("posture", "request", "CONTINGENCY", "--by", "alice", "--data", usa)).isZero();
            assertThat(admin.execute("posture", "approve", "--by", "bob", "--data", usa)).isZero();
            CotEvent exact = alpha.await(e -> e.uid().equals("usa-demo:DEMO-USN-DDG-1") && e.point().ce() == 10, WAIT);
            assertThat(exact.detail().remarksOpt()).isPresent();
            // the U.S. eyes-only helicopter never crossed
            alpha.assertNothing(e -> e.uid().endsWith("DEMO-USN-MH60-1"), Duration.ZERO);
        }
        demo.interrupt(); // how an embedding program stops the demo before --duration
        assertThat(exit.get(90, TimeUnit.SECONDS)).as("demo exits cleanly when stopped").isZero();
        assertThat(out.toString()).contains("demo-alpha-package.zip").contains("Simulated units")
                .contains("http://127.0.0.1:" + webPort + "/  (sign in as demo / kizuna-demo)")
                .contains("http://127.0.0.1:" + (webPort + 1) + "/  (sign in as demo / kizuna-demo)")
                .contains("posture request CONTINGENCY --by alice --data " + data.resolve("jpn"));
    }

    /**
     * {@code n} ports whose successors are free too (the U.S. node takes port + 1), all different:
     * every probe stays open until all are chosen, so no pair can overlap another.
     */
    private static int[] freePairs(int n) throws java.io.IOException {
        java.util.List<ServerSocket> held = new java.util.ArrayList<>();
        try {
            int[] pairs = new int[n];
            int found = 0;
            for (int attempt = 0; attempt < 50 && found < n; attempt++) {
                ServerSocket first = new ServerSocket(0);
                held.add(first);
                int p = first.getLocalPort();
                if (p < 65535) {
                    try {
                        held.add(new ServerSocket(p + 1));
                        pairs[found++] = p;
                    } catch (java.io.IOException taken) {
                        // try another
                    }
                }
            }
            if (found < n) {
                throw new AssertionError("no " + n + " pairs of consecutive free ports");
            }
            return pairs;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("demo did not listen on " + port);
    }
}
