package org.kizuna.server.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.TestClient;
import org.kizuna.server.testing.WebClient;

/**
 * TAK channels end to end: real TLS streaming clients and certificate callers of the Marti API.
 * "multi" is a member of Blue and Red; "blue-1", "red-1" of one each; "watch" of both (it never
 * chooses, and shows that traffic was routed before a quiet client is checked).
 */
class ChannelsWebTest {

    private static final Group BLUE = new Group("Blue");
    private static final Group RED = new Group("Red");

    @TempDir
    Path dir;

    RunningWeb node;

    @BeforeEach
    void start() throws Exception {
        node = new RunningWeb(dir, Map.of(
                "multi", GroupMembership.both(Set.of(BLUE, RED)),
                "watch", GroupMembership.both(Set.of(BLUE, RED)),
                "blue-1", GroupMembership.both(Set.of(BLUE)),
                "red-1", GroupMembership.both(Set.of(RED))),
                new MemoryAccounts().with("alice", "pw-alice", "viewer", "Blue"));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void groupsAllListsAnInAndAnOutEntryPerGroupAllActiveAtFirst() throws Exception {
        JsonNode all = WebClient.json(get("multi", "/Marti/api/groups/all?useCache=true"));
        assertThat(all.get("version").asText()).isEqualTo("3");
        assertThat(all.get("type").asText()).isEqualTo("com.bbn.marti.remote.groups.Group");
        assertThat(all.get("nodeId").asText()).isEqualTo("test-node");
        assertThat(entries(all)).containsExactly("Blue IN true", "Blue OUT true", "Red IN true", "Red OUT true");
        JsonNode first = all.get("data").get(0);
        assertThat(first.get("type").asText()).isEqualTo("SYSTEM");
        assertThat(first.get("bitpos").isInt()).isTrue();
        assertThat(first.get("created").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(entries(WebClient.json(get("blue-1", "/Marti/api/groups/all")))).containsExactly("Blue IN true", "Blue OUT true");
    }

    @Test
    void aPutChoiceNarrowsReadingAndWritingOfEverySessionOfTheCertificate() throws Exception {
        try (TestClient multi = node.connect("multi"); TestClient watch = node.connect("watch");
             TestClient blue = node.connect("blue-1"); TestClient red = node.connect("red-1")) {
            HttpResponse<String> put = put("multi", "/Marti/api/groups/active?clientUid=MULTI",
                    choice("Blue", true, "Red", false));
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(entries(WebClient.json(put))).containsExactly("Blue IN true", "Blue OUT true", "Red IN false", "Red OUT false");
            multi.await(e -> e.type().value().equals("t-x-g-c")); // TAK's notice: read groups/all again
            assertThat(entries(WebClient.json(get("multi", "/Marti/api/groups/active")))).containsExactly("Blue IN true", "Blue OUT true");

            assertQuietFor(multi, red, "RED-1", watch, blue, "BLUE-1");
            // Writing: what multi sends reaches Blue only.
            multi.send(Events.marker("M-1", Duration.ofMinutes(5)));
            blue.awaitUid("M-1");
            watch.awaitUid("M-1");
            watch.send(Events.marker("W-1", Duration.ofMinutes(5)));
            red.awaitUid("W-1");
            assertThat(uids(red)).doesNotContain("M-1");

            // A second connection of the same certificate follows the choice from its first picture.
            try (TestClient again = node.connect("multi")) {
                again.awaitUid("BLUE-1");
                again.awaitUid("W-1");
                assertThat(uids(again)).doesNotContain("RED-1");
            }
        }
    }

    @Test
    void aStreamedGroupChangeNarrowsAndAPutReopensWithThePicture() throws Exception {
        try (TestClient multi = node.connect("multi"); TestClient watch = node.connect("watch");
             TestClient blue = node.connect("blue-1"); TestClient red = node.connect("red-1")) {
            multi.send(groupChange("<group name=\"Blue\" direction=\"IN\" active=\"true\"/>",
                    "<group name=\"Blue\" direction=\"OUT\" active=\"true\"/>",
                    "<group name=\"Red\" direction=\"IN\" active=\"false\"/>",
                    "<group name=\"Red\" direction=\"OUT\" active=\"false\"/>"));
            multi.await(e -> e.type().value().equals("t-x-g-c"));
            assertThat(entries(WebClient.json(get("multi", "/Marti/api/groups/all"))))
                    .containsExactly("Blue IN true", "Blue OUT true", "Red IN false", "Red OUT false");
            assertQuietFor(multi, red, "RED-1", watch, blue, "BLUE-1");
            assertThat(watch.receivedSoFar()).noneMatch(e -> e.type().value().equals("t-x-g-c")); // a choice is never relayed

            assertThat(put("multi", "/Marti/api/groups/active", choice("Blue", true, "Red", true)).statusCode()).isEqualTo(200);
            multi.awaitUid("RED-1"); // Red readable again: the picture is sent once more
            red.send(Events.marker("R-2", Duration.ofMinutes(5)));
            multi.awaitUid("R-2");
        }
    }

    @Test
    void activatingAForeignGroupIsRefusedAndCountedAndChangesNothing() throws Exception {
        try (TestClient blue = node.connect("blue-1"); TestClient red = node.connect("red-1");
             TestClient watch = node.connect("watch")) {
            HttpResponse<String> put = put("blue-1", "/Marti/api/groups/active",
                    "[{\"name\":\"Blue\",\"direction\":\"IN\",\"active\":false},{\"name\":\"Red\",\"direction\":\"OUT\",\"active\":true}]");
            assertThat(put.statusCode()).isEqualTo(403);
            assertThat(WebClient.json(put).get("detail").asText()).contains("Red");
            assertThat(node.count("kizuna.http.refused", "foreign-group")).isEqualTo(1);
            assertThat(entries(WebClient.json(get("blue-1", "/Marti/api/groups/all")))).containsExactly("Blue IN true", "Blue OUT true");

            blue.send(groupChange("<group name=\"Red\" active=\"true\"/>"));
            Await.until(() -> node.count("kizuna.events.rejected", "foreign-group") == 1, "the streamed activation counted");
            red.send(Events.pli("RED-1", "Viper"));
            watch.awaitUid("RED-1");
            watch.send(Events.marker("W-1", Duration.ofMinutes(5)));
            blue.awaitUid("W-1");
            assertThat(uids(blue)).doesNotContain("RED-1");
            // Still writing into Blue: the refused choice switched nothing off.
            blue.send(Events.marker("B-1", Duration.ofMinutes(5)));
            watch.awaitUid("B-1");
        }
    }

    @Test
    void aWebAccountCannotChooseChannelsButSeesItsGroups() throws Exception {
        WebClient alice = new WebClient(node.pki().trustOnlyContext(), node.base());
        assertThat(alice.login("alice", "pw-alice").statusCode()).isEqualTo(200);
        assertThat(entries(WebClient.json(alice.get("/Marti/api/groups/all")))).containsExactly("Blue IN true", "Blue OUT true");
        HttpResponse<String> put = alice.send(alice.request("/Marti/api/groups/active")
                .PUT(HttpRequest.BodyPublishers.ofString(choice("Blue", false, "Red", false)))
                .header("Content-Type", "application/json").build());
        assertThat(put.statusCode()).isEqualTo(403);
    }

    @Test
    void contactsAllListsTheClientsWhoseReportsTheCallerReaches() throws Exception {
        try (TestClient blue = node.connect("blue-1"); TestClient red = node.connect("red-1")) {
            blue.send(Events.pli("BLUE-1", "Kestrel"));
            red.send(Events.pli("RED-1", "Viper"));
            Await.until(() -> node.server().picture().get("BLUE-1") != null && node.server().picture().get("RED-1") != null,
                    "both reported");
            JsonNode asRed = WebClient.json(get("red-1", "/Marti/api/contacts/all"));
            assertThat(asRed.isArray()).isTrue();
            assertThat(asRed).hasSize(1);
            assertThat(asRed.get(0).get("uid").asText()).isEqualTo("RED-1");
            assertThat(asRed.get(0).get("callsign").asText()).isEqualTo("Viper");
            assertThat(asRed.get(0).has("takv")).isTrue();
            JsonNode asMulti = WebClient.json(get("multi", "/Marti/api/contacts/all"));
            assertThat(asMulti).extracting(c -> c.get("uid").asText()).containsExactlyInAnyOrder("BLUE-1", "RED-1");
        }
    }

    /**
     * Red traffic does not reach {@code multi} (Red switched off) while Blue traffic does: the watcher
     * has Red's report before Blue's is sent, so had it been queued for multi it would be first.
     */
    private static void assertQuietFor(TestClient multi, TestClient red, String redUid, TestClient watch,
                                       TestClient blue, String blueUid) throws Exception {
        red.send(Events.pli(redUid, "Viper"));
        watch.awaitUid(redUid);
        blue.send(Events.pli(blueUid, "Kestrel"));
        multi.awaitUid(blueUid);
        assertThat(uids(multi)).doesNotContain(redUid);
    }

    private static CotEvent groupChange(String... entries) {
        Instant now = Instant.now();
        return CotEvent.builder("choice-" + now.toEpochMilli(), "t-x-g-c")
                .how("h-g-i-g-o")
                .times(now, now.plusSeconds(20))
                .point(Point.NOWHERE)
                .detail(Detail.builder().unknown(List.of(entries)).build())
                .build();
    }

    private static String choice(String a, boolean aActive, String b, boolean bActive) {
        return "[" + entry(a, "IN", aActive) + "," + entry(a, "OUT", aActive) + ","
                + entry(b, "IN", bActive) + "," + entry(b, "OUT", bActive) + "]";
    }

    private static String entry(String name, String direction, boolean active) {
        return "{\"name\":\"" + name + "\",\"direction\":\"" + direction + "\",\"created\":\"2026-01-01\","
                + "\"type\":\"SYSTEM\",\"bitpos\":0,\"active\":" + active + "}";
    }

    private static List<String> entries(JsonNode envelope) {
        List<String> out = new ArrayList<>();
        for (JsonNode g : envelope.get("data")) {
            out.add(g.get("name").asText() + " " + g.get("direction").asText() + " " + g.get("active").asBoolean());
        }
        return out;
    }

    private static List<String> uids(TestClient client) {
        return client.receivedSoFar().stream().map(CotEvent::uid).toList();
    }

    private HttpResponse<String> get(String cert, String path) throws Exception {
        return certificate(cert).send(HttpRequest.newBuilder(URI.create(node.base() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String cert, String path, String json) throws Exception {
        return certificate(cert).send(HttpRequest.newBuilder(URI.create(node.base() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpClient certificate(String name) throws Exception {
        return HttpClient.newBuilder().sslContext(node.pki().clientContext(node.pki().client(name))).build();
    }
}
