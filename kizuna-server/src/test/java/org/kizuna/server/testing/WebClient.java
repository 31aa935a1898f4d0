package org.kizuna.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A browser stand-in over real HTTPS: the JDK HttpClient, its own cookie (read from Set-Cookie as
 * a browser would keep it) and the CSRF token from the login answer.
 */
public final class WebClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private String cookie;
    private String csrf;

    public WebClient(SSLContext tls, String base) {
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
    }

    public HttpResponse<String> login(String name, String password) throws Exception {
        HttpResponse<String> r = post("/api/login", JSON.writeValueAsString(Map.of("name", name, "password", password)));
        if (r.statusCode() == 200) {
            String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
            cookie = setCookie.substring(0, setCookie.indexOf(';'));
            csrf = JSON.readTree(r.body()).get("csrfToken").asText();
        }
        return r;
    }

    public String cookie() {
        return cookie;
    }

    public String csrf() {
        return csrf;
    }

    public WebClient withCookie(String value) {
        cookie = value;
        return this;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    /** A write with the session's CSRF token and this server as Origin, as the web client sends it. */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, Map.of("Origin", base));
    }

    public HttpResponse<String> post(String path, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (csrf != null && !headers.containsKey("X-CSRF-Token")) {
            b.header("X-CSRF-Token", csrf);
        }
        headers.forEach((k, v) -> {
            if (v != null) {
                b.header(k, v);
            }
        });
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /**
     * Opens the live feed with the session cookie and {@code origin}, and returns once the server
     * has registered it (its {@code hello} arrived): live traffic routed from then on reaches it.
     * The server joins the feed to the router only after the upgrade response went out, so the
     * upgrade alone does not say that.
     */
    public Live live(String origin) throws Exception {
        Live live = new Live();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        String wsBase = base.replaceFirst("^http", "ws");
        live.socket = b.buildAsync(URI.create(wsBase + "/api/live"), live).get(10, TimeUnit.SECONDS);
        Await.until(() -> live.all().stream().anyMatch(m -> m.path("op").asText().equals("hello")),
                "the live feed's hello");
        return live;
    }

    /** The browser end of a live feed: every message, parsed, in arrival order. */
    public static final class Live implements WebSocket.Listener, AutoCloseable {

        private final BlockingQueue<JsonNode> arrived = new LinkedBlockingQueue<>();
        private final List<JsonNode> all = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final java.util.concurrent.atomic.AtomicInteger frames = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.CompletableFuture<String> closed = new java.util.concurrent.CompletableFuture<>();
        private WebSocket socket;

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete("close " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error " + error);
        }

        /** Waits until the server ends the feed (a close frame or the connection closing); how it ended. */
        public String awaitClosed() throws Exception {
            return awaitClosed(TestClient.WAIT);
        }

        /** Like {@link #awaitClosed()}, failing with a timeout unless the feed ends {@code within}. */
        public String awaitClosed(Duration within) throws Exception {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        public boolean isClosed() {
            return closed.isDone();
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    // every frame is a JSON array of messages (docs/web-api.md)
                    JsonNode frame = JSON.readTree(partial.toString());
                    if (!frame.isArray()) {
                        throw new IllegalStateException("server sent a frame that is not an array: " + partial);
                    }
                    frames.incrementAndGet();
                    frame.forEach(node -> {
                        all.add(node);
                        arrived.add(node);
                    });
                } catch (IOException e) {
                    throw new IllegalStateException("server sent invalid JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        /** Waits for the next message (in order) that matches; earlier non-matching ones stay in {@link #all()}. */
        public JsonNode await(Predicate<JsonNode> match) throws InterruptedException {
            long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode n = left <= 0 ? null : arrived.poll(left, TimeUnit.NANOSECONDS);
                if (n == null) {
                    throw new AssertionError("no matching live message; got " + all);
                }
                if (match.test(n)) {
                    return n;
                }
            }
        }

        public List<JsonNode> all() {
            return all;
        }

        /** WebSocket frames received so far (each holds one or more messages). */
        public int frames() {
            return frames.get();
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    /** The uid of a live message's event, or "" for messages without one. */
    public static String uidOf(JsonNode message) {
        JsonNode e = message.get("event");
        return e == null ? "" : e.get("uid").asText();
    }
}
