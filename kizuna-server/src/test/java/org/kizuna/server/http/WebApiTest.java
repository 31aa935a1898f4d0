package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.Chat;
import org.kizuna.server.testing.Await;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningWeb;
import org.kizuna.server.testing.TestClient;
import org.kizuna.server.testing.WebClient;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.WriteBatch;
import org.kizuna.store.jdbc.JdbcHistoryStore;

/**
 * The REST surface over real HTTPS with an H2 history store: problem bodies naming the parameter,
 * limits, group-filtered history, static files, health, metrics and the Marti endpoints.
 */
class WebApiTest {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @TempDir
    Path dir;

    JdbcHistoryStore store;
    RunningWeb node;
    WebClient alice;

    @BeforeEach
    void start() throws Exception {
        store = JdbcHistoryStore.open(StoreSettings.h2(dir.resolve("history")), Clock.systemUTC(), false);
        node = new RunningWeb(dir, Map.of("blue-1", GroupMembership.both(Set.of(new Group("Blue"))),
                "red-1", GroupMembership.both(Set.of(new Group("Red")))),
                new MemoryAccounts().with("alice", "pw-alice", "admin", "Blue"), store, HistorySink.NONE,
                HttpSettings.DEFAULTS);
        alice = new WebClient(node.pki().trustOnlyContext(), node.base());
        assertThat(alice.login("alice", "pw-alice").statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        node.close();
        store.close();
    }

    private void stored(String uid, String group, boolean direct, Instant at) {
        CotEvent e = Events.pli(uid, "cs-" + uid);
        store.write(WriteBatch.ofEvents(List.of(StoredEvent.of(e, "client-" + uid, Set.of(group), direct, at))));
    }

    @Test
    void eventsAreThoseOfTheUsersGroupsPagedWithACursor() throws Exception {
        stored("B-1", "Blue", false, T0);
        stored("R-1", "Red", false, T0.plusSeconds(1));
        stored("B-2", "Blue", false, T0.plusSeconds(2));
        stored("B-3", "Blue", true, T0.plusSeconds(3));

        JsonNode first = WebClient.json(alice.get("/api/events?from=2026-11-26T08:00:00Z&limit=1"));
        assertThat(first.get("items").get(0).get("uid").asText()).isEqualTo("B-1");
        assertThat(first.get("items").get(0).get("sender").asText()).isEqualTo("client-B-1");
        assertThat(first.get("items").get(0).get("receivedAt").asText()).isEqualTo("2026-11-26T09:00:00Z");
        String cursor = first.get("next").asText();
        JsonNode second = WebClient.json(alice.get("/api/events?from=2026-11-26T08:00:00Z&limit=1&cursor=" + cursor));
        assertThat(second.get("items").get(0).get("uid").asText()).isEqualTo("B-2");
        assertThat(second.get("next").isNull()).isTrue();
        JsonNode track = WebClient.json(alice.get("/api/tracks/B-1?from=2026-11-26T08:00:00Z"));
        assertThat(track.get("items")).hasSize(1);
        assertThat(WebClient.json(alice.get("/api/tracks/R-1")).get("items")).isEmpty();
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() throws Exception {
        assertProblem(alice.get("/api/events?from=yesterday"), 400, "from");
        assertProblem(alice.get("/api/events?limit=0"), 400, "limit");
        assertProblem(alice.get("/api/events?limit=1001"), 400, "limit");
        assertProblem(alice.get("/api/events?limit=ten"), 400, "limit");
        assertProblem(alice.get("/api/events?bbox=1,2,3"), 400, "bbox");
        assertProblem(alice.get("/api/events?type=a-f-"), 400, "type");
        assertProblem(alice.get("/api/events?uid=a&uid=b"), 400, "uid");
        assertProblem(alice.get("/api/events?from=2026-11-26T10:00:00Z&to=2026-11-26T09:00:00Z"), 400, "from");
        assertProblem(alice.get("/api/events?cursor=not-a-cursor"), 400, "cursor");
        assertProblem(alice.get("/api/contacts?limit=100000"), 400, "limit");
        assertThat(node.count("kizuna.http.refused", "bad-parameter")).isEqualTo(10);
    }

    /**
     * A federation partner's item is in the contacts of a user who reads its groups. (Request-scoped
     * sessions used to share their id with partners' items, so the router took every partner's item
     * for the caller's own and left it out.)
     */
    @Test
    void aPartnersItemIsAmongTheContacts() throws Exception {
        CotEvent foreign = Events.pli("usa-1:ANDROID-9", "EAGLE");
        assertThat(node.server().router().routeForeign(foreign, Set.of(new Group("Blue")),
                new org.kizuna.core.routing.Provenance("usa-1", "usa-1", "ANDROID-9", List.of("usa-1"), 0))).isNull();
        Await.until(() -> node.server().picture().get("usa-1:ANDROID-9") != null, "the partner's item in the picture");
        JsonNode page = WebClient.json(alice.get("/api/contacts"));
        assertThat(page.get("items")).extracting(i -> i.get("uid").asText()).contains("usa-1:ANDROID-9");
    }

    @Test
    void unknownPathsWrongMethodsAndOversizedBodiesGetProblems() throws Exception {
        HttpResponse<String> missing = alice.get("/api/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");

        HttpResponse<String> method = alice.post("/api/contacts", "{}");
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).contains("GET");

        HttpResponse<String> big = alice.post("/api/chat", "{\"text\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(WebClient.json(big).get("status").asInt()).isEqualTo(413);
        assertThat(node.count("kizuna.http.refused", "body-too-large")).isEqualTo(1);
    }

    @Test
    void theWebClientsFilesAreServedWithTypesCachingAndEtags() throws Exception {
        WebClient anonymous = new WebClient(node.pki().trustOnlyContext(), node.base());
        HttpResponse<String> index = anonymous.get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
        assertThat(index.body()).contains("<title>Kizuna COP</title>");

        HttpResponse<String> js = anonymous.get("/app.js");
        assertThat(js.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(js.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
        String etag = js.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = anonymous.send(anonymous.request("/app.js").header("If-None-Match", etag).GET().build());
        assertThat(again.statusCode()).isEqualTo(304);

        assertThat(anonymous.get("/login.html").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/%2e%2e/web/index.html").statusCode()).isEqualTo(404);
        assertThat(anonymous.get("/org/kizuna/server/http/WebApi.class").statusCode()).isEqualTo(404);
    }

    @Test
    void healthAndMetricsAnswer() throws Exception {
        WebClient anonymous = new WebClient(node.pki().trustOnlyContext(), node.base());
        JsonNode health = WebClient.json(anonymous.get("/health"));
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("checks").get("listeners").get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.get("/health/live").statusCode()).isEqualTo(200);

        anonymous.get("/api/me"); // one refusal, so the counter exists
        HttpResponse<String> metrics = anonymous.get("/metrics"); // from loopback
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body()).contains("kizuna_http_refused_total{reason=\"unauthorized\"}");
    }

    @Test
    void martiVersionEndpointsHaveTakServersShapes() throws Exception {
        WebClient anonymous = new WebClient(node.pki().trustOnlyContext(), node.base());
        HttpResponse<String> version = anonymous.get("/Marti/api/version");
        assertThat(version.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(version.body()).isEqualTo("Kizuna 0.1.0");

        JsonNode config = WebClient.json(anonymous.get("/Marti/api/version/config"));
        assertThat(config.get("version").asText()).isEqualTo("3");
        assertThat(config.get("type").asText()).isEqualTo("ServerConfig");
        assertThat(config.get("data").get("api").asText()).isEqualTo("3");
        assertThat(config.get("data").get("version").asText()).isEqualTo("Kizuna 0.1.0");
        assertThat(config.get("data").has("hostname")).isTrue();
        assertThat(config.get("nodeId").asText()).isEqualTo("test-node");
    }

    @Test
    void clientEndPointsListsReachableTakClientsToBrowsersAndCertificateCallers() throws Exception {
        assertThat(new WebClient(node.pki().trustOnlyContext(), node.base()).get("/Marti/api/clientEndPoints")
                .statusCode()).isEqualTo(401);
        try (TestClient blue = node.connect("blue-1"); TestClient red = node.connect("red-1")) {
            blue.send(Events.pli("BLUE-1", "Kestrel"));
            red.send(Events.pli("RED-1", "Viper"));
            Await.until(() -> node.server().picture().get("BLUE-1") != null && node.server().picture().get("RED-1") != null,
                    "both clients reported");

            JsonNode list = WebClient.json(alice.get("/Marti/api/clientEndPoints"));
            assertThat(list.get("type").asText()).isEqualTo("com.bbn.marti.remote.ClientEndpoint");
            assertThat(list.get("data")).hasSize(1);
            JsonNode kestrel = list.get("data").get(0);
            assertThat(kestrel.get("uid").asText()).isEqualTo("BLUE-1");
            assertThat(kestrel.get("callsign").asText()).isEqualTo("Kestrel");
            assertThat(kestrel.get("username").asText()).isEqualTo("blue-1");
            assertThat(kestrel.get("lastStatus").asText()).isEqualTo("Connected");

            // A TAK client calls with its certificate, no login: it sees what its groups reach.
            HttpClient takClient = HttpClient.newBuilder()
                    .sslContext(node.pki().clientContext(node.pki().client("red-1"))).build();
            HttpResponse<String> asRed = takClient.send(HttpRequest.newBuilder(
                    java.net.URI.create(node.base() + "/Marti/api/clientEndPoints")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(asRed.statusCode()).isEqualTo(200);
            assertThat(WebClient.json(asRed).get("data").get(0).get("uid").asText()).isEqualTo("RED-1");
        }
    }

    @Test
    void contactsAreThePictureTheUserMaySeeSortedAndPaged() throws Exception {
        try (TestClient blue = node.connect("blue-1"); TestClient red = node.connect("red-1")) {
            blue.send(Events.marker("M-2", Duration.ofMinutes(5)));
            blue.send(Events.marker("M-1", Duration.ofMinutes(5)));
            red.send(Events.marker("M-0", Duration.ofMinutes(5)));
            Await.until(() -> node.server().picture().size() == 3, "three markers in the picture");

            JsonNode page = WebClient.json(alice.get("/api/contacts?limit=1"));
            assertThat(page.get("items").get(0).get("uid").asText()).isEqualTo("M-1");
            JsonNode rest = WebClient.json(alice.get("/api/contacts?after=" + page.get("next").asText()));
            assertThat(rest.get("items")).hasSize(1);
            assertThat(rest.get("items").get(0).get("uid").asText()).isEqualTo("M-2");
            assertThat(rest.get("next").isNull()).isTrue();
        }
    }

    @Test
    void chatHistoryHoldsGroupChatAndTheUsersOwnDirectMessagesOnly() throws Exception {
        CotEvent all = Events.chat("BLUE-1", "Kestrel", Chat.ALL_CHAT_ROOMS, "to everyone");
        CotEvent toAlice = Events.chat("BLUE-1", "Kestrel", "kizuna-web.test-node.alice", "to alice");
        CotEvent toBob = Events.chat("BLUE-1", "Kestrel", "BOB", "to bob");
        CotEvent redRoom = Events.chat("RED-1", "Viper", Chat.ALL_CHAT_ROOMS, "red only");
        store.write(WriteBatch.ofEvents(List.of(
                StoredEvent.of(all, "blue-1", Set.of("Blue"), false, T0),
                StoredEvent.of(toAlice, "blue-1", Set.of("Blue"), true, T0.plusSeconds(1)),
                StoredEvent.of(toBob, "blue-1", Set.of("Blue"), true, T0.plusSeconds(2)),
                StoredEvent.of(redRoom, "red-1", Set.of("Red"), false, T0.plusSeconds(3)))));

        JsonNode chats = WebClient.json(alice.get("/api/chat?from=2026-11-26T08:00:00Z"));
        assertThat(chats.get("items")).extracting(n -> n.get("remarks").asText()).containsExactly("to everyone", "to alice");
        JsonNode direct = WebClient.json(alice.get("/api/chat?from=2026-11-26T08:00:00Z&with=BLUE-1"));
        assertThat(direct.get("items")).extracting(n -> n.get("remarks").asText()).containsExactly("to alice");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) node.pki().trustOnlyContext().getSocketFactory()
                .createSocket("127.0.0.1", node.webPort())) {
            socket.setSoTimeout(10_000);
            String twoRequests = "GET /api/events?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + alice.cookie() + "\r\n\r\n"
                    + "GET /Marti/api/version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(twoRequests.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answers = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int events = answers.indexOf("\"items\"");
            int version = answers.indexOf("Kizuna 0.1.0");
            assertThat(events).as(answers).isPositive();
            assertThat(version).as(answers).isGreaterThan(events);
        }
    }

    private static void assertProblem(HttpResponse<String> r, int status, String parameter) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode body = WebClient.json(r);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("parameter").asText()).isEqualTo(parameter);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
    }
}
