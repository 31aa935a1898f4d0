package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.config.NodeConfigLoader;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.Chat;
import org.kizuna.pki.ClientTls;
import org.kizuna.pki.NodePki;
import org.kizuna.server.http.auth.PasswordHash;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.Events;
import org.kizuna.server.testing.TestClient;
import org.kizuna.server.testing.WebClient;
import org.kizuna.store.account.AccountRow;

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
        Files.writeString(dir.resolve("policy.yaml"), """
                policy: JPN
                relToFirst: JPN
                classifications:
                  - {name: TORIATSUKAICHUI, rank: 0, marking: TORIATSUKAI CHUI, portion: TC}
                  - {name: HI, rank: 2, marking: HI, portion: H}
                categories:
                  - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
                """);
        Files.writeString(dir.resolve("rules.yaml"), """
                PEACETIME:
                  - {name: partners-coarse, types: [a], nations: [USA], obligations: {coarsen: 1000}}
                  - {name: home, nations: [JPN]}
                """);
        Path yaml = Files.writeString(dir.resolve("kizuna.yaml"), """
                node: {id: jpn-1}
                streaming: {tls: {bind: 127.0.0.1, port: 0}}
                http: {bind: 127.0.0.1, port: 0, tls: false}
                groups: {default: [Blue]}
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: {classification: TORIATSUKAICHUI, categories: {Releasable To: [JPN, USA]}}
                clients:
                  jpn-sender: {clearance: {upTo: HI, nation: JPN, categories: {Releasable To: [JPN]}}}
                webUsers:
                  watch: {clearance: {upTo: HI, nation: JPN, categories: {Releasable To: [JPN]}}}
                  lno: {clearance: {upTo: HI, nation: USA, categories: {Releasable To: [USA]}}}
                """);
        NodePki pki = NodePki.in(dir);
        pki.init("jpn-1", List.of("localhost", "127.0.0.1"));
        pki.issueClient("jpn-sender", null, "127.0.0.1", 8089);
        try (RunningNode node = RunningNode.start(NodeConfigLoader.load(yaml, dir))) {
            for (String name : List.of("watch", "lno")) {
                node.history().orElseThrow().store().accounts().add(new AccountRow(name,
                        new PasswordHash(PasswordHash.Cost.DEFAULT).hash(("pw-" + name + "-long").toCharArray()),
                        "viewer", Set.of("Blue"), Instant.now()));
            }
            Path clients = dir.resolve("pki/clients");
            CotEvent pli = Events.pli("ANDROID-S", "SENDER");
            try (TestClient sender = TestClient.tls(ClientTls.context(clients.resolve("jpn-sender.pem"),
                    clients.resolve("jpn-sender.key.pem"), dir.resolve("pki/ca.pem")), node.server().port("tls"))) {
                sender.send(pli);
                sender.send(Events.marker("MARKER-HI", Duration.ofHours(1)).toBuilder().access("HI").releasableTo("JPN")
                        .build());
                sender.send(Events.chat("ANDROID-S", "SENDER", Chat.ALL_CHAT_ROOMS, "hello coalition"));
            }
            String base = "http://127.0.0.1:" + node.web().orElseThrow().port();
            WebClient watch = new WebClient(javax.net.ssl.SSLContext.getDefault(), base);
            WebClient lno = new WebClient(javax.net.ssl.SSLContext.getDefault(), base);
            assertThat(watch.login("watch", "pw-watch-long").statusCode()).isEqualTo(200);
            assertThat(lno.login("lno", "pw-lno-long").statusCode()).isEqualTo(200);
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
