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

/** {@code kizuna demo} end to end: PKI, packages, node and simulator, seen by a TLS client. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void demoServesMovingUnitsToADemoUser() throws Exception {
        int port;
        int webPort;
        try (ServerSocket probe = new ServerSocket(0); ServerSocket webProbe = new ServerSocket(0)) {
            port = probe.getLocalPort();
            webPort = webProbe.getLocalPort();
        }
        Path data = dir.resolve("demo-data");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Kizuna()).setOut(new PrintWriter(out));
        String[] args = {"demo", "--data", data.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
            "--web-port", String.valueOf(webPort), "--duration", "12"};
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(args));

        awaitListening(port);
        Path clients = data.resolve("pki/clients");
        assertThat(clients.resolve("demo-alpha-package.zip")).exists();
        assertThat(clients.resolve("demo-bravo-package.zip")).exists();
        var tls = ClientTls.context(clients.resolve("demo-alpha.pem"), clients.resolve("demo-alpha.key.pem"),
                data.resolve("pki/ca.pem"));
        try (TestClient alpha = TestClient.tls(tls, port)) {
            CotEvent ship = alpha.await(e -> e.uid().equals("DEMO-JMSDF-DD-1"), Duration.ofSeconds(15));
            CotEvent aircraft = alpha.await(e -> e.uid().equals("DEMO-JMSDF-P1-1"), Duration.ofSeconds(15));
            CotEvent merchant = alpha.await(e -> e.uid().equals("DEMO-MERCHANT-1"), Duration.ofSeconds(15));
            assertThat(ship.type().value()).startsWith("a-f-S");
            assertThat(aircraft.type().value()).startsWith("a-f-A");
            assertThat(merchant.type().value()).startsWith("a-n-S");
            CotEvent later = alpha.await(e -> e.uid().equals("DEMO-JMSDF-P1-1") && !e.time().equals(aircraft.time()),
                    Duration.ofSeconds(15));
            assertThat(later.point()).isNotEqualTo(aircraft.point());
        }
        // The web COP: plain HTTP on loopback, the printed demo account sees the same units.
        WebClient browser = new WebClient(javax.net.ssl.SSLContext.getDefault(), "http://127.0.0.1:" + webPort);
        awaitListening(webPort);
        assertThat(browser.login("demo", "kizuna-demo").statusCode()).isEqualTo(200);
        assertThat(browser.cookie()).startsWith("kizuna_session=");
        assertThat(browser.get("/api/contacts").body()).contains("DEMO-JMSDF-DD-1");
        assertThat(exit.get(60, TimeUnit.SECONDS)).as("demo exits cleanly after --duration").isZero();
        assertThat(out.toString()).contains("demo-alpha-package.zip").contains("Simulated units")
                .contains("http://127.0.0.1:" + webPort + "/  (sign in as demo / kizuna-demo)");
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
