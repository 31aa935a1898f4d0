package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Chat;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.TestClient;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.WriteBatch;
import org.kizuna.store.jdbc.JdbcHistoryStore;

/**
 * The web COP in Debian's Chromium, driven by Playwright ({@code web/e2e/cop.mjs}): sign in, a TAK
 * client's unit appears as a 2525 symbol on the offline map, labelled controls, a chat typed in
 * the browser reaches the TAK client and its reply appears in the browser, the time slider shows
 * the unit's earlier position from the history store. Screenshots go to
 * {@code kizuna-server/target/screenshots/}.
 */
class BrowserCopTest {

    static final Path WEB = Path.of("web");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;

    @Test
    void aUnitAppearsOnTheMapAndChatGoesBothWays() throws Exception {
        requireBrowser();
        HttpSettings plainLoopback = HttpSettings.DEFAULTS.withListener(new org.kizuna.server.ServerConfig.Listener(true, "127.0.0.1", 0), false);
        try (JdbcHistoryStore store = JdbcHistoryStore.open(StoreSettings.h2(dir.resolve("history")), Clock.systemUTC(), false);
             RunningWeb node = new RunningWeb(dir, Map.of("blue-1", GroupMembership.both(Set.of(new Group("Blue")))),
                new MemoryAccounts().with("alice", "pw-alice-long", "operator", "Blue"), store, HistorySink.NONE,
                plainLoopback);
             TestClient blue = node.connect("blue-1")) {
            storeEarlierPosition(store);
            blue.send(Events.pli("BLUE-1", "Kestrel"));
            Await.until(() -> node.server().picture().get("BLUE-1") != null, "Kestrel is in the picture");

            String base = "http://127.0.0.1:" + node.webPort();
            ProcessBuilder browser = new ProcessBuilder("node", WEB.resolve("e2e/cop.mjs").toString(), base, "alice",
                    "pw-alice-long", "Kestrel", "reply from Kestrel", SCREENSHOTS.toString()).redirectErrorStream(true);
            browser.environment().put("KIZUNA_E2E_REPLAY_POSITION", "35.00000, 139.00000");
            Process script = browser.start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> read(script, lines), "browser-test-output");
            reader.setDaemon(true);
            reader.start();
            try {
                String chatLine = awaitLine(lines, "CHAT ");
                String typed = chatLine.substring("CHAT ".length());
                CotEvent chat = blue.await(e -> e.type().isGeoChat()
                        && e.detail().remarksOpt().map(r -> r.text().equals(typed)).orElse(false));
                assertThat(chat.detail().chat().isToAllChatRooms()).isTrue();

                blue.send(Events.chat("BLUE-1", "Kestrel", Chat.ALL_CHAT_ROOMS, "reply from Kestrel"));
                awaitLine(lines, "OK");
                assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(script.exitValue()).isZero();
                assertThat(SCREENSHOTS.resolve("map.png")).exists();
                assertThat(SCREENSHOTS.resolve("chat.png")).exists();
                assertThat(SCREENSHOTS.resolve("replay.png")).exists();
            } finally {
                script.destroyForcibly();
            }
        }
    }

    /** Kestrel ten minutes ago at 35.0, 139.0, as the history store would have kept it. */
    private static void storeEarlierPosition(JdbcHistoryStore store) {
        Instant then = Instant.now().minus(Duration.ofMinutes(10));
        CotEvent now = Events.pli("BLUE-1", "Kestrel");
        CotEvent earlier = now.toBuilder().times(then, then.plus(Duration.ofMinutes(5))).point(Point.of(35.0, 139.0)).build();
        store.write(WriteBatch.ofEvents(List.of(StoredEvent.of(earlier, "blue-1", Set.of("Blue"), false, then))));
    }

    static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the browser script never printed " + prefix);
            }
            if (line.startsWith("FAIL")) {
                throw new AssertionError("browser script: " + line);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    static void read(Process p, BlockingQueue<String> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                System.out.println("[browser] " + line);
                lines.add(line);
            }
            lines.add("FAIL the browser script ended without saying OK");
        } catch (IOException e) {
            lines.add("FAIL cannot read the browser script: " + e.getMessage());
        }
    }

    /** Chromium, Node.js and the installed libraries are needed; under CI=true their absence fails. */
    static void requireBrowser() {
        String problem = null;
        if (!Files.isExecutable(Path.of(System.getenv().getOrDefault("KIZUNA_CHROMIUM", "/usr/bin/chromium")))) {
            problem = "no Chromium at /usr/bin/chromium (apt-get install chromium; .ci/run does)";
        } else if (!Files.isDirectory(WEB.resolve("node_modules/playwright-core"))) {
            problem = "kizuna-server/web/node_modules is missing: run 'npm ci' there (./kizuna test does)";
        } else if (!Files.exists(Path.of("target/classes/web/vendor/leaflet/dist/leaflet.js"))) {
            problem = "the map libraries are not in target/classes: build after 'npm ci' in kizuna-server/web";
        }
        if (problem != null) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("browser suite cannot run with CI=true: " + problem);
            }
            System.err.println("*** SKIPPING the browser suite: " + problem + " ***");
            Assumptions.abort(problem);
        }
    }

}
