package org.kizuna.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.core.testing.Events.pli;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.cot.CotLimits;
import org.kizuna.pki.IssuedCertificate;
import org.kizuna.server.stream.SessionContext.SessionLimits;
import org.kizuna.server.testing.RunningServer;
import org.kizuna.server.testing.TestClient;
import org.kizuna.server.testing.TestPki;

/**
 * Hostile and broken input: each case ends in a refusal or a clean close, a counter and a log
 * line, while a pair of well-behaved clients keeps exchanging traffic.
 */
class BadInputTest {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    RunningServer node;
    TestClient alice;
    TestClient bob;
    int probe;

    @BeforeEach
    void start() throws Exception {
        node = new RunningServer(dir, Map.of(), false);
        alice = node.connect("alice");
        bob = node.connect("bob");
    }

    @AfterEach
    void stop() throws IOException {
        alice.close();
        bob.close();
        node.close();
    }

    /** The well-behaved pair still works. */
    private void othersStillWork() throws Exception {
        String uid = "PROBE-" + (++probe);
        alice.send(pli(uid, "ALICE"));
        bob.awaitUid(uid);
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/hostile", name));
    }

    @Test
    void malformedXmlIsRefusedAndTheSessionSurvives() throws Exception {
        try (TestClient bad = node.connect("mallory")) {
            bad.sendRaw(fixture("malformed.xml"));
            awaitCount("kizuna.events.rejected", "malformed-xml", 1);
            bad.send(pli("MALLORY-OK", "MALLORY"));
            bob.awaitUid("MALLORY-OK");
            othersStillWork();
        }
    }

    @Test
    void doctypeExternalEntityAndEntityExpansionAreRefused() throws Exception {
        try (TestClient bad = node.connect("mallory")) {
            bad.sendRaw(fixture("xxe-file.xml"));
            bad.sendRaw(fixture("entity-expansion.xml"));
            awaitCount("kizuna.events.rejected", "malformed-xml", 2);
            bob.assertNothing(e -> e.uid().equals("XXE-1") || e.uid().equals("LOL-1"), Duration.ofMillis(500));
            othersStillWork();
        }
    }

    @Test
    void impossibleValuesAreRefused() throws Exception {
        try (TestClient bad = node.connect("mallory")) {
            bad.sendRaw(fixture("stale-before-start.xml"));
            awaitCount("kizuna.events.rejected", "invalid-event", 1);
            othersStillWork();
        }
    }

    @Test
    void frameOverTheLimitClosesTheConnection() throws Exception {
        try (TestClient bad = node.connect("mallory")) {
            StringBuilder big = new StringBuilder("<event version=\"2.0\" uid=\"BIG\"><detail><remarks>");
            big.append("x".repeat(CotLimits.DEFAULTS.maxFrameBytes() + 10));
            bad.sendRaw(big.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(bad.awaitClosed(CLOSE_WAIT)).isTrue();
            awaitCount("kizuna.sessions.closed", "frame-too-long", 1);
            othersStillWork();
        }
    }

    @Test
    void randomBytesCloseTheConnection() throws Exception {
        try (TestClient bad = node.connect("mallory")) {
            byte[] junk = new byte[4 * CotLimits.DEFAULTS.maxFrameBytes()];
            new Random(42).nextBytes(junk);
            bad.sendRaw(junk);
            assertThat(bad.awaitClosed(CLOSE_WAIT)).isTrue();
            awaitCount("kizuna.sessions.closed", "not-cot", 1);
            othersStillWork();
        }
    }

    @Test
    void protobufFrameAnnouncingAHugeLengthClosesTheConnection() throws Exception {
        try (TestClient bad = node.connect("mallory")) {
            bad.negotiateProtobuf();
            // 0xbf then varint 2^31-1: refused as soon as the length is read, nothing buffered.
            bad.sendRaw(new byte[] {(byte) 0xbf, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07});
            assertThat(bad.awaitClosed(CLOSE_WAIT)).isTrue();
            awaitCount("kizuna.sessions.closed", "frame-too-long", 1);
            othersStillWork();
        }
    }

    @Test
    void tlsClientThatNeverFinishesItsHandshakeIsClosed() throws Exception {
        try (Socket raw = new Socket("127.0.0.1", node.tlsPort())) {
            raw.getOutputStream().write(new byte[] {0x16, 0x03, 0x01}); // a TLS record header, then nothing
            raw.setSoTimeout((int) CLOSE_WAIT.toMillis());
            assertThat(raw.getInputStream().read()).isIn(-1, 0x15); // EOF or a TLS alert
            awaitCount("kizuna.sessions.closed", "tls-handshake", 1);
            othersStillWork();
        }
    }

    @Test
    void clientThatSendsNothingIsClosedWhenIdle(@TempDir Path other) throws Exception {
        // The idle timer runs from the connection's start, handshake included: it must outlast a
        // handshake on a loaded machine, or the client is refused rather than idled out.
        var limits = new SessionLimits(256, Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(10), 100, 5);
        try (RunningServer quick = new RunningServer(other, Map.of(), false, limits);
             TestClient silent = quick.connect("silent")) {
            assertThat(silent.awaitClosed(CLOSE_WAIT)).isTrue();
            assertThat(quick.count("kizuna.sessions.closed", "idle")).isEqualTo(1);
        }
        othersStillWork();
    }

    @Test
    void certificateFromAnotherCaIsRefused() throws Exception {
        assertRefused(TestPki.foreignClient("intruder"), "INTRUDER");
    }

    @Test
    void expiredCertificateIsRefused() throws Exception {
        assertRefused(node.pki().expiredClient("old-timer"), "OLD-TIMER");
    }

    /**
     * With TLS 1.3 the client may finish its side of the handshake before the server has checked
     * the client certificate, so refusal shows either as a failed handshake or as a connection the
     * server closes at once; either way nothing it sends is routed.
     */
    private void assertRefused(IssuedCertificate certificate, String uid) throws Exception {
        try (TestClient refused = node.connect(certificate)) {
            try {
                refused.send(pli(uid, uid));
            } catch (IOException alreadyClosed) {
                // the server's alert arrived first
            }
            assertThat(refused.awaitClosed(CLOSE_WAIT)).isTrue();
        } catch (SSLException handshakeFailed) {
            // refused during the handshake
        }
        awaitCount("kizuna.sessions.closed", "tls-handshake", 1);
        bob.assertNothing(e -> e.uid().equals(uid), Duration.ofMillis(300));
        assertThat(node.count("kizuna.sessions.closed", "tls-handshake")).as("counted once").isEqualTo(1);
        othersStillWork();
    }

    private void awaitCount(String name, String reason, double atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (node.count(name, reason) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + "{" + reason + "} = " + node.count(name, reason) + ", expected >= " + atLeast);
            }
            Thread.sleep(10);
        }
    }
}
