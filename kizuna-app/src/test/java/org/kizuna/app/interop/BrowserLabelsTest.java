package org.kizuna.app.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.release.LabelledWebNode;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.testing.Events;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.TestClient;

/**
 * Banners follow the labels and the posture, in Chromium ({@code kizuna-server/web/e2e/labels.mjs})
 * on a labelled node: the watch officer's page is marked with the dominant banner of what it
 * shows and the posture; an account cleared lower is marked lower and never shown the HI marker;
 * a posture requested and approved by two admins in their own pages' posture panels reaches the
 * open page.
 */
class BrowserLabelsTest {

    private static final Path SCRIPT = Path.of("..", "kizuna-server", "web", "e2e", "labels.mjs");

    @TempDir
    Path dir;

    @Test
    void bannersFollowTheLabelsAndThePosture() throws Exception {
        BrowserInteropTest.requireBrowser();
        try (RunningNode node = LabelledWebNode.start(dir); TestClient sender = LabelledWebNode.sender(dir, node)) {
            sender.send(Events.marker("MARKER-HI", Duration.ofHours(1)).toBuilder().access("HI").releasableTo("JPN").build());
            sender.send(Events.pli("ANDROID-S", "SENDER"));
            Await.until(() -> node.server().picture().get("ANDROID-S") != null
                    && node.server().picture().get("MARKER-HI") != null, "both items are in the picture");
            String base = "http://127.0.0.1:" + node.web().orElseThrow().port();
            Process script = new ProcessBuilder("node", SCRIPT.toString(), base, LabelledWebNode.PASSWORD,
                    "watch", "HI//REL TO JPN — posture PEACETIME",
                    "low", "TORIATSUKAI CHUI//REL TO JPN, USA — posture PEACETIME",
                    "MARKER-HI", "CONTINGENCY", Path.of("target", "screenshots").toString(),
                    "TORIATSUKAI CHUI//REL TO JPN — posture PEACETIME", "alice", "bob")
                    .redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            BrowserInteropTest.read(script, lines);
            try {
                // a chat releasable to Japan only: the low account's banner must narrow to cover it
                BrowserInteropTest.awaitLine(lines, "CHAT");
                sender.send(Events.chat("ANDROID-S", "SENDER", "All Chat Rooms", "Japan only")
                        .toBuilder().access("TORIATSUKAI CHUI").releasableTo("JPN").build());
                BrowserInteropTest.awaitLine(lines, "OK");
                assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(script.exitValue()).isZero();
            } finally {
                script.destroyForcibly();
            }
        }
    }
}
