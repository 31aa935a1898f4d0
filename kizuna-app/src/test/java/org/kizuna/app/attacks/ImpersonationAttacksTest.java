package org.kizuna.app.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.attacks.Coalition.JPN;
import static org.kizuna.app.attacks.Coalition.rejected;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.attacks.RawCot.Marking;
import org.kizuna.app.interop.BrowserInteropTest;
import org.kizuna.app.interop.InteropClient;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.WebClient;

/**
 * Issue #13's impersonation attacks by a client with a valid certificate (node-tak) on the
 * Japanese demo node: announcing another client's uid or callsign to receive its direct
 * messages, and chatting as another user (its {@code chatgrp uid0}, producer link or chat uid).
 * The borrowed callsign alone is not refused (callsigns are what users type), but a browser shows
 * who really sent the message: Chromium's chat log reads "VICTOR (jpn-xray)".
 */
class ImpersonationAttacksTest {

    private static final String OWNED_ELSEWHERE = "uid-owned-elsewhere";
    private static final String CHAT_SENDER = "chat-sender-mismatch";
    private static final Path SCRIPT = Path.of("..", "kizuna-server", "web", "e2e", "chat-sender.mjs");

    @TempDir
    static Path dir;
    static Coalition coalition;
    /** The victim, the attacker and an honest third client, each announced under its own uid. */
    static InteropClient victor;
    static InteropClient xray;
    static InteropClient sierra;

    @BeforeAll
    static void start() throws Exception {
        coalition = Coalition.start(dir, List.of("jpn-victor", "jpn-xray", "jpn-sierra"), List.of());
        victor = coalition.launch(coalition.jpn(), "jpn-victor", false);
        xray = coalition.launch(coalition.jpn(), "jpn-xray", false);
        sierra = coalition.launch(coalition.jpn(), "jpn-sierra", false);
        Coalition.ready(victor, xray, sierra);
        victor.send(RawCot.selfReport("V-UID", "VICTOR", 35.681, 139.767, Marking.NONE));
        sierra.send(RawCot.selfReport("S-UID", "SIERRA", 35.682, 139.768, Marking.NONE));
        sierra.awaitUid("V-UID");
        victor.awaitUid("S-UID");
    }

    @AfterAll
    static void stop() {
        if (coalition != null) {
            coalition.close();
        }
    }

    @Test
    void announcingAnotherClientsUidOrCallsignDoesNotCaptureItsDirectMessages() throws Exception {
        double before = rejected(coalition.jpn(), OWNED_ELSEWHERE);
        xray.send(RawCot.selfReport("V-UID", "VICTOR", 35.690, 139.700, Marking.NONE));
        xray.send(RawCot.selfReport("X-UID", "VICTOR", 35.691, 139.701, Marking.NONE));
        sierra.awaitUid("X-UID");
        assertThat(Observed.withUid(sierra, "V-UID")).allSatisfy(e -> assertThat(e.path("lat").asDouble()).isEqualTo(35.681));

        sierra.send(RawCot.directChat("S-UID", "SIERRA", "V-UID", "VICTOR", "for victor only"));
        sierra.send(RawCot.markerTo("DM-MARKER-1", "VICTOR", 35.70, 139.71));
        Observed.barrier(sierra, JPN, List.of(victor, xray), List.of());

        assertThat(remarks(victor)).contains("for victor only");
        assertThat(Observed.withUid(victor, "DM-MARKER-1")).hasSize(1);
        assertThat(remarks(xray)).as(xray.transcript()).doesNotContain("for victor only");
        assertThat(Observed.withUid(xray, "DM-MARKER-1")).as(xray.transcript()).isEmpty();
        assertThat(rejected(coalition.jpn(), OWNED_ELSEWHERE)).isEqualTo(before + 1);
    }

    @Test
    void chatsAsAnotherUserAreRefusedAndABorrowedCallsignIsDeliveredWithTheRealSender() throws Exception {
        WebClient watch = coalition.web("watch");
        try (WebClient.Live live = watch.live(coalition.webBase())) {
            double owned = rejected(coalition.jpn(), OWNED_ELSEWHERE);
            double mismatch = rejected(coalition.jpn(), CHAT_SENDER);
            sendForgedChats("forged");
            xray.send(RawCot.allChat("X-UID", "VICTOR", "borrowed callsign"));

            JsonNode atSierra = sierra.awaitEvent(e -> "borrowed callsign".equals(e.path("remarks").asText()),
                    "the chat with a borrowed callsign", java.time.Duration.ofSeconds(20));
            assertThat(atSierra.path("chat").path("senderCallsign").asText()).isEqualTo("VICTOR");
            JsonNode shown = live.await(m -> "chat".equals(m.path("op").asText())
                    && "borrowed callsign".equals(m.path("event").path("remarks").asText()));
            assertThat(shown.path("event").path("sender").asText()).isEqualTo("jpn-xray");

            for (InteropClient c : List.of(sierra, victor)) {
                assertThat(remarks(c)).as(c.transcript()).noneMatch(r -> r.startsWith("forged"));
            }
            assertThat(live.all()).noneMatch(m -> m.path("event").path("remarks").asText().startsWith("forged"));
            assertThat(rejected(coalition.jpn(), OWNED_ELSEWHERE)).isEqualTo(owned + 2);
            assertThat(rejected(coalition.jpn(), CHAT_SENDER)).isEqualTo(mismatch + 1);
        }
    }

    @Test
    void theBrowsersChatLogNamesTheAuthenticatedSenderBesideTheClaimedCallsign() throws Exception {
        BrowserInteropTest.requireBrowser();
        // alice: no other test here opens a feed as her, so hers is the browser's
        Process browser = new ProcessBuilder("node", SCRIPT.toString(), coalition.webBase(), "alice",
                Coalition.PASSWORD, "who is this", "VICTOR (jpn-xray): who is this",
                "in the browser: uid0|in the browser: link|in the browser: chat uid",
                Path.of("target", "screenshots").toString()).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        BrowserInteropTest.read(browser, lines);
        try {
            BrowserInteropTest.awaitLine(lines, "READY");
            // the page's feed counts once the node has joined it to the router, not at the upgrade
            Await.until(() -> coalition.jpn().server().sessions().all().stream()
                    .anyMatch(s -> s.identity().webAccount().equals(Optional.of("alice"))), "the browser's live feed");
            sendForgedChats("in the browser");
            xray.send(RawCot.allChat("X-UID", "VICTOR", "who is this"));
            BrowserInteropTest.awaitLine(lines, "OK");
            assertThat(browser.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(browser.exitValue()).isZero();
        } finally {
            browser.destroyForcibly();
        }
    }

    /** As the victim: its uid as {@code uid0}, as the producer link, and as the chat uid's sender. */
    private static void sendForgedChats(String prefix) throws InterruptedException {
        xray.send(RawCot.allChat(RawCot.chatUid("V-UID", RawCot.ALL_CHAT_ROOMS), "V-UID", "VICTOR", "X-UID",
                prefix + ": uid0"));
        xray.send(RawCot.allChat(RawCot.chatUid("X-UID", RawCot.ALL_CHAT_ROOMS), "X-UID", "VICTOR", "V-UID",
                prefix + ": link"));
        xray.send(RawCot.allChat(RawCot.chatUid("V-UID", RawCot.ALL_CHAT_ROOMS), "X-UID", "XRAY", "X-UID",
                prefix + ": chat uid"));
    }

    private static List<String> remarks(InteropClient c) {
        return c.events().stream().filter(e -> e.path("type").asText().startsWith("b-t-f"))
                .map(e -> e.path("remarks").asText()).toList();
    }
}
