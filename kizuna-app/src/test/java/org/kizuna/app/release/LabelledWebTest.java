package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.TestClient;
import org.kizuna.server.testing.WebClient;

/**
 * The web COP on a labelled node, over real HTTP and WebSocket: browser users get each account's
 * clearance ({@code webUsers.NAME.clearance}, else {@code policy.clearance}), see only what it and
 * the posture release (REST picture, history and live feed alike), coarsened where the rules say,
 * with each item's portion marking; the banner of what they show is the dominant label's, and a
 * posture change reaches open feeds.
 */
class LabelledWebTest {

    private static final String PASSWORD = LabelledWebNode.PASSWORD;

    @TempDir
    Path dir;

    private RunningNode start() throws Exception {
        return LabelledWebNode.start(dir);
    }

    private TestClient sender(RunningNode node) throws Exception {
        return LabelledWebNode.sender(dir, node);
    }

    private static WebClient login(RunningNode node, String name) throws Exception {
        WebClient web = new WebClient(SSLContext.getDefault(), "http://127.0.0.1:" + node.web().orElseThrow().port());
        assertThat(web.login(name, PASSWORD).statusCode()).isEqualTo(200);
        return web;
    }

    private static List<JsonNode> items(WebClient web, String path) throws Exception {
        HttpResponse<String> r = web.get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        WebClient.json(r).get("items").forEach(out::add);
        return out;
    }

    private static JsonNode item(List<JsonNode> items, String uid) {
        return items.stream().filter(i -> i.get("uid").asText().equals(uid)).findFirst().orElse(null);
    }

    private static CotEvent hiMarker(String uid) {
        return Events.marker(uid, Duration.ofHours(1)).toBuilder().access("HI").releasableTo("JPN").build();
    }

    @Test
    void whatARestAnswerShowsIsAuditedAsAFirstRelease() throws Exception {
        try (RunningNode node = start(); TestClient sender = sender(node)) {
            WebClient lno = login(node, "lno");
            WebClient watch = login(node, "watch");
            sender.send(Events.pli("ANDROID-S", "SENDER"));
            sender.send(hiMarker("MARKER-HI"));
            Await.until(() -> node.server().picture().get("MARKER-HI") != null, "the marker is in the picture");

            assertThat(item(items(lno, "/api/contacts"), "ANDROID-S")).isNotNull();
            Await.until(() -> itemsQuietly(watch, "/api/events?uid=MARKER-HI").size() == 1, "the marker is stored");
            items(watch, "/api/events?uid=MARKER-HI");
            // the marker again to the same account (not a first release), and the PLI to this one
            items(watch, "/api/contacts");

            Path audit = org.kizuna.store.audit.AuditLog.file(dir);
            Await.until(() -> firstReleases(audit, "ANDROID-S (").size() == 2, "the first releases are in the audit log");
            assertThat(firstReleases(audit, "ANDROID-S (")).anyMatch(l -> l.contains("to web:lno with coarsen 1000 m"))
                    .anyMatch(l -> l.contains("to web:watch"));
            assertThat(firstReleases(audit, "MARKER-HI (")).singleElement().asString().contains("to web:watch");
        }
    }

    private static List<String> firstReleases(Path audit, String object) {
        try {
            return java.nio.file.Files.readAllLines(audit).stream()
                    .filter(l -> l.contains("\tfirst-release\t") && l.contains(object)).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    @Test
    void browsersSeeWhatTheirAccountsClearanceAndThePostureRelease() throws Exception {
        try (RunningNode node = start(); TestClient sender = sender(node)) {
            WebClient watch = login(node, "watch");
            WebClient lno = login(node, "lno");
            WebClient low = login(node, "low");
            CotEvent pli = Events.pli("ANDROID-S", "SENDER");
            sender.send(hiMarker("MARKER-HI"));
            sender.send(pli);
            Await.until(() -> node.server().picture().get("ANDROID-S") != null, "the PLI is in the picture");

            // the picture: the watch officer (HI, Japan) sees both, with portion marks
            List<JsonNode> seen = items(watch, "/api/contacts");
            assertThat(item(seen, "MARKER-HI").get("portion").asText()).isEqualTo("(H//REL TO JPN)");
            assertThat(item(seen, "ANDROID-S").get("portion").asText()).isEqualTo("(TC//REL TO JPN, USA)");
            assertThat(item(seen, "ANDROID-S").get("lat").asDouble()).isEqualTo(pli.point().lat());
            // the account without its own clearance gets policy.clearance (not clients."web:low"): no HI marker
            List<JsonNode> lowSees = items(low, "/api/contacts");
            assertThat(item(lowSees, "MARKER-HI")).isNull();
            assertThat(item(lowSees, "ANDROID-S")).isNotNull();
            // the U.S. liaison: no Japan-only marker, the PLI coarsened to a 1 km cell
            List<JsonNode> lnoSees = items(lno, "/api/contacts");
            assertThat(item(lnoSees, "MARKER-HI")).isNull();
            JsonNode coarse = item(lnoSees, "ANDROID-S");
            assertThat(coarse.get("ce").asDouble()).isGreaterThanOrEqualTo(1000);
            assertThat(coarse.get("lat").asDouble()).isNotEqualTo(pli.point().lat());

            // history answers the same way
            Await.until(() -> itemsQuietly(watch, "/api/events?uid=MARKER-HI").size() == 1, "the marker is stored");
            Await.until(() -> itemsQuietly(lno, "/api/events?uid=ANDROID-S").size() == 1, "the PLI is stored");
            assertThat(items(low, "/api/events?uid=MARKER-HI")).isEmpty();
            assertThat(items(lno, "/api/events?uid=MARKER-HI")).isEmpty();
            JsonNode storedForLno = items(lno, "/api/events?uid=ANDROID-S").get(0);
            assertThat(storedForLno.get("ce").asDouble()).isGreaterThanOrEqualTo(1000);
            assertThat(storedForLno.get("portion").asText()).isEqualTo("(TC//REL TO JPN, USA)");
            JsonNode track = WebClient.json(lno.get("/api/tracks/ANDROID-S")).get("items").get(0);
            assertThat(track.get("ce").asDouble()).isGreaterThanOrEqualTo(1000);
            assertThat(WebClient.json(low.get("/api/tracks/MARKER-HI")).get("items")).isEmpty();

            // the banner of what the watch officer shows: HI, releasable only where both may go
            String ids = item(seen, "MARKER-HI").get("labelId").asText() + "," + item(seen, "ANDROID-S").get("labelId").asText();
            JsonNode banner = WebClient.json(watch.get("/api/banner?labels=" + ids));
            assertThat(banner.get("banner").asText()).isEqualTo("HI//REL TO JPN");
            assertThat(banner.get("posture").get("name").asText()).isEqualTo("PEACETIME");
            assertThat(WebClient.json(watch.get("/api/banner?labels=")).get("banner").asText()).isEqualTo("TORIATSUKAI CHUI");
            // the same in a body, for screens with more labels than a request line holds
            HttpResponse<String> posted = watch.post("/api/banner", "{\"labels\": [\"" + ids.replace(",", "\", \"") + "\"]}");
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(WebClient.json(posted).get("banner").asText()).isEqualTo("HI//REL TO JPN");
            HttpResponse<String> unknown = watch.get("/api/banner?labels=00ff");
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(WebClient.json(unknown).get("parameter").asText()).isEqualTo("labels");
            JsonNode me = WebClient.json(watch.get("/api/me"));
            assertThat(me.get("labels").asBoolean()).isTrue();
            assertThat(me.get("posture").get("name").asText()).isEqualTo("PEACETIME");

            // live: the low account gets the PLI but never the HI marker
            String origin = "http://127.0.0.1:" + node.web().orElseThrow().port();
            try (WebClient.Live lowLive = low.live(origin);
                 WebClient.Live watchLive = watch.live(origin);
                 WebClient.Live lnoLive = lno.live(origin)) {
                assertThat(lowLive.await(m -> m.get("op").asText().equals("hello")).get("posture").get("name").asText())
                        .isEqualTo("PEACETIME");
                lowLive.await(m -> WebClient.uidOf(m).equals("ANDROID-S"));
                watchLive.await(m -> WebClient.uidOf(m).equals("MARKER-HI"));
                sender.send(hiMarker("MARKER-HI-2"));
                sender.send(Events.pli("ANDROID-T", "SECOND"));
                JsonNode live = watchLive.await(m -> WebClient.uidOf(m).equals("MARKER-HI-2"));
                assertThat(live.get("event").get("portion").asText()).isEqualTo("(H//REL TO JPN)");
                lowLive.await(m -> WebClient.uidOf(m).equals("ANDROID-T"));
                // the liaison's feed carries the coarsened position, never the exact one
                JsonNode lnoPli = lnoLive.await(m -> WebClient.uidOf(m).equals("ANDROID-T")).get("event");
                assertThat(lnoPli.get("ce").asDouble()).isGreaterThanOrEqualTo(1000);
                assertThat(lnoPli.get("portion").asText()).isEqualTo("(TC//REL TO JPN, USA)");
                assertThat(lnoLive.all()).noneMatch(m -> WebClient.uidOf(m).startsWith("MARKER-HI"))
                        .filteredOn(m -> WebClient.uidOf(m).startsWith("ANDROID"))
                        .allMatch(m -> m.get("event").get("ce").asDouble() >= 1000);
                // the marker was routed before the PLI on one connection: had it been released, it is here by now
                assertThat(lowLive.all()).noneMatch(m -> WebClient.uidOf(m).startsWith("MARKER-HI"));

                // a posture change reaches open browsers
                String data = dir.toString();
                picocli.CommandLine cli = new picocli.CommandLine(new org.kizuna.app.Kizuna());
                assertThat(cli.execute("posture", "request", "CONTINGENCY", "--by", "alice", "--data", data)).isZero();
                assertThat(cli.execute("posture", "approve", "--by", "bob", "--data", data)).isZero();
                JsonNode posture = watchLive.await(m -> m.get("op").asText().equals("posture"));
                assertThat(posture.get("posture").get("name").asText()).isEqualTo("CONTINGENCY");
                assertThat(posture.get("posture").get("version").asLong()).isEqualTo(2);
                assertThat(WebClient.json(watch.get("/api/me")).get("posture").get("name").asText()).isEqualTo("CONTINGENCY");
            }
            // CONTINGENCY releases nothing to U.S. recipients, in history too
            assertThat(items(lno, "/api/contacts")).isEmpty();
            assertThat(items(lno, "/api/events?uid=ANDROID-S")).isEmpty();
        }
    }

    private static List<JsonNode> itemsQuietly(WebClient web, String path) {
        try {
            return items(web, path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
