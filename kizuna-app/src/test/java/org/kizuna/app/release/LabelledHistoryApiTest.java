package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.Chat;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.TestClient;
import org.kizuna.server.testing.WebClient;

/**
 * History read over REST goes through the release guard as the reader, as live traffic does: a
 * browser user whose clearance does not dominate a stored event's label never gets it from
 * {@code /api/events}, {@code /api/tracks} or {@code /api/chat}, and one whose posture rules coarsen
 * positions gets coarsened history.
 */
class LabelledHistoryApiTest {

    @TempDir
    Path dir;

    @Test
    void historyOverRestIsReleasedAsTheReaderMayHoldIt() throws Exception {
        CotEvent pli = Events.pli("ANDROID-S", "SENDER");
        try (RunningNode node = LabelledWebNode.start(dir)) {
            try (TestClient sender = LabelledWebNode.sender(dir, node)) {
                sender.send(pli);
                sender.send(Events.marker("MARKER-HI", Duration.ofHours(1)).toBuilder().access("HI").releasableTo("JPN")
                        .build());
                sender.send(Events.chat("ANDROID-S", "SENDER", Chat.ALL_CHAT_ROOMS, "hello coalition"));
            }
            String base = "http://127.0.0.1:" + node.web().orElseThrow().port();
            WebClient watch = new WebClient(javax.net.ssl.SSLContext.getDefault(), base);
            WebClient lno = new WebClient(javax.net.ssl.SSLContext.getDefault(), base);
            assertThat(watch.login("watch", LabelledWebNode.PASSWORD).statusCode()).isEqualTo(200);
            assertThat(lno.login("lno", LabelledWebNode.PASSWORD).statusCode()).isEqualTo(200);
            // the history writer commits in the background: wait until the Japanese watch sees all three
            Await.until(() -> seesAllThree(watch), "the watch officer reads all three from history");

            JsonNode exact = item(watch, "/api/events", "ANDROID-S");
            assertThat(exact.get("lat").asDouble()).isEqualTo(pli.point().lat());
            assertThat(exact.get("lon").asDouble()).isEqualTo(pli.point().lon());

            // The U.S. liaison officer: not the Japan-only marker, not the chat (no rule releases
            // chat to the U.S. in PEACETIME), the position only coarsened.
            assertThat(uids(lno, "/api/events")).containsExactly("ANDROID-S");
            JsonNode coarse = item(lno, "/api/events", "ANDROID-S");
            assertThat(coarse.get("ce").asDouble()).isGreaterThanOrEqualTo(1000);
            assertThat(List.of(coarse.get("lat").asDouble(), coarse.get("lon").asDouble()))
                    .isNotEqualTo(List.of(pli.point().lat(), pli.point().lon()));
            assertThat(items(lno, "/api/chat")).isEmpty();
            assertThat(items(lno, "/api/tracks/MARKER-HI")).isEmpty();
            List<JsonNode> track = items(lno, "/api/tracks/ANDROID-S");
            assertThat(track).hasSize(1);
            assertThat(track.get(0).get("lat").asDouble()).isEqualTo(coarse.get("lat").asDouble());
            assertThat(track.get(0).get("ce").asDouble()).isGreaterThanOrEqualTo(1000);
            assertThat(items(watch, "/api/tracks/ANDROID-S").get(0).get("lat").asDouble()).isEqualTo(pli.point().lat());
            assertThat(items(watch, "/api/tracks/MARKER-HI")).hasSize(1);
        }
    }

    private static boolean seesAllThree(WebClient watch) {
        try {
            return uids(watch, "/api/events").containsAll(List.of("ANDROID-S", "MARKER-HI"))
                    && !items(watch, "/api/chat").isEmpty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> items(WebClient client, String path) throws Exception {
        var response = client.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        WebClient.json(response).get("items").forEach(out::add);
        return out;
    }

    private static List<String> uids(WebClient client, String path) throws Exception {
        return items(client, path).stream().map(i -> i.get("uid").asText()).sorted().toList();
    }

    private static JsonNode item(WebClient client, String path, String uid) throws Exception {
        return items(client, path).stream().filter(i -> i.get("uid").asText().equals(uid)).findFirst().orElseThrow();
    }
}
