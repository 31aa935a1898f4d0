package org.kizuna.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.Kizuna;
import org.kizuna.app.config.HistoryConfig;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Point;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.pki.IssuedCertificate;
import org.kizuna.pki.Pem;
import org.kizuna.server.testing.RunningServer;
import org.kizuna.server.testing.TestClient;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.WriteBatch;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import picocli.CommandLine;

/** {@code kizuna history} and {@code kizuna replay} on a data directory with a stored history. */
class HistoryCommandsTest {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @TempDir
    Path data;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    /** Replays are released as the node would: the recipients here read Blue. */
    Path config;

    @BeforeEach
    void storeSomeHistory() throws java.io.IOException {
        config = Files.writeString(data.resolve("kizuna.yaml"), "groups: {default: [Blue], anonymous: [Blue]}\n");
        StoreSettings settings = StoreSettings.h2(HistoryConfig.historyDir(data));
        try (JdbcHistoryStore store = JdbcHistoryStore.open(settings, Clock.systemUTC(), false)) {
            store.write(WriteBatch.ofEvents(List.of(
                    stored("TOKYO-1", "a-f-G-U-C", 35.68, 139.76, T0),
                    stored("OSAKA-1", "a-h-G", 34.69, 135.50, T0.plusSeconds(1)),
                    stored("TOKYO-1", "a-f-G-U-C", 35.69, 139.77, T0.plusSeconds(2)))));
        }
    }

    private static StoredEvent stored(String uid, String type, double lat, double lon, Instant at) {
        CotEvent e = CotEvent.builder(uid, type).times(at, at.plusSeconds(60)).point(Point.of(lat, lon))
                .detail(org.kizuna.cot.Detail.EMPTY.withFlowTag("node-1", at.toString())).build();
        return StoredEvent.of(e, "alice", Set.of("Blue"), false, at);
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Kizuna()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void historyPrintsJsonLinesFilteredByTypeAndBox() throws Exception {
        int exit = run("history", "--data", data.toString(), "--type", "a-f", "--bbox", "139,35,140,36");
        assertThat(exit).as(err.toString()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("uid").asText()).isEqualTo("TOKYO-1");
        assertThat(lines.get(1).get("lat").asDouble()).isEqualTo(35.69);
        assertThat(lines.get(0).get("groups").get(0).asText()).isEqualTo("Blue");
        assertThat(lines.get(0).get("xml").asText()).startsWith("<event");
    }

    @Test
    void historyPrintsXmlAndStopsAtTheLimitSayingSo() {
        assertThat(run("history", "--data", data.toString(), "--format", "xml", "--limit", "2")).isZero();
        assertThat(out.toString().split("\n")).hasSize(2).allMatch(l -> l.startsWith("<event"));
        assertThat(err.toString()).contains("more events match");
    }

    @Test
    void aBadParameterIsNamed() {
        assertThat(run("history", "--data", data.toString(), "--bbox", "139,35,140")).isEqualTo(2);
        assertThat(err.toString()).contains("--bbox:");
        assertThat(run("history", "--data", data.toString(), "--from", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("--from:");
        assertThat(run("history", "--data", data.toString(), "--limit", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--limit:");
    }

    @Test
    void replaySendsTheWindowInOrderAsLiveTrafficWithoutOurFlowTags() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(server));
            Instant started = Instant.now();
            int exit = run("replay", "--data", data.toString(), "--config", config.toString(), "--from", T0.toString(),
                    "--to", T0.plusSeconds(10).toString(), "--speed", "4", "--target", "127.0.0.1:" + server.getLocalPort());
            Duration took = Duration.between(started, Instant.now());
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("replayed 3 events");
            assertThat(took).as("2 s of history at 4x").isGreaterThanOrEqualTo(Duration.ofMillis(450));

            String text = new String(received.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            assertThat(text).doesNotContain("_flow-tags_");
            CotXmlReader reader = new CotXmlReader(CotLimits.DEFAULTS);
            List<CotEvent> events = new ArrayList<>();
            for (String frame : text.split("(?<=</event>)")) {
                events.add(reader.read(frame.getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(events).extracting(CotEvent::uid).containsExactly("TOKYO-1", "OSAKA-1", "TOKYO-1");
            assertThat(events.get(0).time()).isAfterOrEqualTo(started.minusSeconds(1));
            assertThat(Duration.between(events.get(0).time(), events.get(0).stale())).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void replayOverTlsPresentsTheGivenCertificateAndReachesTheNodesClients() throws Exception {
        Path serverDir = Files.createDirectories(data.resolve("server"));
        try (RunningServer server = new RunningServer(serverDir, Map.of(), false);
             TestClient watcher = server.connect("watcher")) {
            IssuedCertificate replayer = server.pki().client("replayer");
            Path cert = Files.writeString(data.resolve("replayer.pem"), Pem.encodeCertificates(replayer.chain()));
            Path key = Files.writeString(data.resolve("replayer.key.pem"), Pem.encodePrivateKey(replayer.privateKey()));
            Path ca = server.pki().serverFiles().trustedCaPem();

            int exit = run("replay", "--data", data.toString(), "--config", config.toString(), "--from", T0.toString(),
                    "--to", T0.plusSeconds(10).toString(), "--speed", "100", "--target", "127.0.0.1:" + server.tlsPort(),
                    "--cert", cert.toString(), "--key", key.toString(), "--ca", ca.toString());

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("replayed 3 events", "over TLS");
            assertThat(watcher.awaitUid("OSAKA-1").point().lat()).isEqualTo(34.69);
            watcher.await(e -> e.uid().equals("TOKYO-1") && e.point().lat() == 35.69);
        }
    }

    @Test
    void replayRefusesHalfATlsConfigurationRatherThanFallingBackToPlainTcp() {
        assertThat(run("replay", "--data", data.toString(), "--from", T0.toString(), "--to",
                T0.plusSeconds(10).toString(), "--target", "127.0.0.1:1", "--cert", "x.pem")).isEqualTo(2);
        assertThat(err.toString()).contains("--cert, --key and --ca go together");
    }

    /** Everything one connection to {@code server} sends, until it closes. */
    static byte[] readAll(ServerSocket server) {
        try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
