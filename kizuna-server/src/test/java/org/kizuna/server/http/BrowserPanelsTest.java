package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.TestClient;

/**
 * The units list's filters (affiliation, dimension, type prefix, sender: labelled, reachable by
 * keyboard) and drawn shapes in the colours their CoT gives, in Chromium
 * ({@code web/e2e/panels.mjs}). The shape's colours are read from the drawn SVG path, not from a
 * screenshot.
 */
class BrowserPanelsTest {

    @TempDir
    Path dir;

    private static final CotXmlReader READER = new CotXmlReader(CotLimits.DEFAULTS);

    private static byte[] event(String uid, String type, String callsign, String moreDetail, double lat, double lon) {
        Instant now = Instant.now();
        String xml = "<event version=\"2.0\" uid=\"" + uid + "\" type=\"" + type + "\" how=\"h-e\" time=\"" + now
                + "\" start=\"" + now + "\" stale=\"" + now.plusSeconds(3600) + "\"><point lat=\"" + lat + "\" lon=\"" + lon
                + "\" hae=\"0\" ce=\"10\" le=\"10\"/><detail><contact callsign=\"" + callsign + "\"/>" + moreDetail
                + "</detail></event>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void filtersNarrowTheUnitsListAndShapesKeepTheirColours() throws Exception {
        BrowserCopTest.requireBrowser();
        HttpSettings plainLoopback = HttpSettings.DEFAULTS.withListener(new org.kizuna.server.ServerConfig.Listener(true, "127.0.0.1", 0), false);
        try (RunningWeb node = new RunningWeb(dir, Map.of("blue-1", GroupMembership.both(Set.of(new Group("Blue")))),
                new MemoryAccounts().with("alice", "pw-alice-long", "viewer", "Blue"), null, HistorySink.NONE,
                plainLoopback);
             TestClient blue = node.connect("blue-1")) {
            blue.send(READER.read(event("KESTREL-UID", "a-f-G-U-C", "Kestrel", "", 35.68, 139.76)));
            blue.send(READER.read(event("BANDIT-UID", "a-h-A-M-F", "Bandit", "", 35.9, 139.9)));
            blue.send(READER.read(event("FERRY-UID", "a-n-S-X", "Ferry", "", 35.4, 139.7)));
            // a marker Kestrel dropped, and a filled rectangle: red stroke, half-transparent blue fill
            blue.send(READER.read(event("MARKER-UID", "b-m-p-s-m", "Rally", "<link uid=\"KESTREL-UID\" type=\"a-f-G-U-C\" "
                    + "relation=\"p-p\"/>", 35.6, 139.6)));
            blue.send(READER.read(event("SHAPE-UID", "u-d-r", "Box",
                    "<link point=\"35.5,139.5\"/><link point=\"35.5,139.8\"/><link point=\"35.7,139.8\"/>"
                            + "<link point=\"35.7,139.5\"/><strokeColor value=\"-65536\"/><strokeWeight value=\"3.0\"/>"
                            + "<fillColor value=\"-2147483393\"/>", 35.6, 139.65)));
            Await.until(() -> node.server().picture().get("SHAPE-UID") != null, "the shape is in the picture");

            String base = "http://127.0.0.1:" + node.webPort();
            Process script = new ProcessBuilder("node", BrowserCopTest.WEB.resolve("e2e/panels.mjs").toString(), base,
                    "alice", "pw-alice-long", BrowserCopTest.SCREENSHOTS.toString()).redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> BrowserCopTest.read(script, lines), "browser-test-output");
            reader.setDaemon(true);
            reader.start();
            try {
                BrowserCopTest.awaitLine(lines, "OK");
                assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(script.exitValue()).isZero();
            } finally {
                script.destroyForcibly();
            }
        }
    }
}
