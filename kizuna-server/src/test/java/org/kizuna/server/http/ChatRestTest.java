package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
import org.kizuna.cot.detail.Chat;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.TestClient;
import org.kizuna.server.testing.WebClient;

/** A chat POSTed by a browser is a proper GeoChat that TAK clients receive, within group reach. */
class ChatRestTest {

    static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path dir;

    RunningWeb node;
    WebClient alice;

    @BeforeEach
    void start() throws Exception {
        node = new RunningWeb(dir, Map.of(
                "blue-1", GroupMembership.both(Set.of(new Group("Blue"))),
                "blue-2", GroupMembership.both(Set.of(new Group("Blue"))),
                "red-1", GroupMembership.both(Set.of(new Group("Red")))),
                new MemoryAccounts().with("alice", "pw-alice", "operator", "Blue"));
        alice = new WebClient(node.pki().trustOnlyContext(), node.base());
        assertThat(alice.login("alice", "pw-alice").statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aChatToAllChatRoomsReachesTakClientsInTheUsersGroupsAsGeoChat() throws Exception {
        try (TestClient blue = node.connect("blue-1");
             TestClient red = node.connect("red-1")) {
            Await.until(() -> node.server().sessions().size() == 2, "both clients are sessions");
            HttpResponse<String> sent = alice.post("/api/chat", "{\"text\":\"all stations, radio check\"}");
            assertThat(sent.statusCode()).isEqualTo(202);
            String uid = WebClient.json(sent).get("uid").asText();

            CotEvent chat = blue.awaitUid(uid);
            assertThat(chat.type().value()).isEqualTo("b-t-f");
            assertThat(chat.how()).isEqualTo("h-g-i-g-o");
            assertThat(chat.uid()).startsWith("GeoChat.kizuna-web.test-node.alice.All Chat Rooms.");
            Chat c = chat.detail().chat();
            assertThat(c.isToAllChatRooms()).isTrue();
            assertThat(c.senderCallsign()).contains("alice");
            assertThat(c.chatGroup().uid0()).contains("kizuna-web.test-node.alice");
            assertThat(chat.detail().remarksOpt().orElseThrow().text()).isEqualTo("all stations, radio check");

            red.assertNothing(e -> e.uid().equals(uid), QUIET); // Red shares no group with alice
        }
    }

    @Test
    void aDirectChatReachesOnlyTheAddressedTakClient() throws Exception {
        try (TestClient blue1 = node.connect("blue-1");
             TestClient blue2 = node.connect("blue-2")) {
            blue1.send(Events.pli("BLUE-1", "Kestrel"));
            blue2.send(Events.pli("BLUE-2", "Bravo"));
            blue1.awaitUid("BLUE-2");
            blue2.awaitUid("BLUE-1");

            HttpResponse<String> sent = alice.post("/api/chat",
                    "{\"text\":\"for Kestrel\",\"to\":\"BLUE-1\",\"toCallsign\":\"Kestrel\"}");
            assertThat(sent.statusCode()).isEqualTo(202);
            String uid = WebClient.json(sent).get("uid").asText();
            CotEvent chat = blue1.awaitUid(uid);
            assertThat(chat.detail().chat().chatroom()).contains("Kestrel");
            assertThat(chat.detail().chat().chatGroup().uid1()).contains("BLUE-1");

            HttpResponse<String> toAll = alice.post("/api/chat", "{\"text\":\"barrier\"}");
            blue2.awaitUid(WebClient.json(toAll).get("uid").asText());
            blue2.assertNothing(e -> e.uid().equals(uid), QUIET);
        }
    }

    @Test
    void badChatBodiesAreRefusedNamingTheField() throws Exception {
        HttpResponse<String> noText = alice.post("/api/chat", "{\"to\":\"BLUE-1\"}");
        HttpResponse<String> longText = alice.post("/api/chat", "{\"text\":\"" + "x".repeat(5000) + "\"}");
        HttpResponse<String> badTo = alice.post("/api/chat", "{\"text\":\"hi\",\"to\":42}");

        assertThat(noText.statusCode()).isEqualTo(400);
        assertThat(WebClient.json(noText).get("parameter").asText()).isEqualTo("text");
        assertThat(WebClient.json(longText).get("parameter").asText()).isEqualTo("text");
        assertThat(WebClient.json(badTo).get("parameter").asText()).isEqualTo("to");
    }
}
