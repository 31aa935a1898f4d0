package org.kizuna.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.routing.HistorySink;
import org.kizuna.server.testing.MemoryAccounts;
import org.kizuna.server.testing.RunningWeb;

/**
 * An oversized body of moderate, known length is answered 413 and discarded on a kept-alive
 * connection, so the client reads the answer (closing while it still sends could reset the
 * connection and lose it) and can send its next request; a body far over the limit is answered
 * and the connection closed.
 */
class OversizedBodyTest {

    @TempDir
    Path dir;

    @Test
    void aModeratelyOversizedBodyIsDiscardedAndTheConnectionServesTheNextRequest() throws Exception {
        try (RunningWeb node = new RunningWeb(dir, Map.of(), new MemoryAccounts(), null, HistorySink.NONE,
                HttpSettings.DEFAULTS);
             SSLSocket socket = open(node)) {
            int size = 3 * HttpSettings.DEFAULTS.maxBodyBytes();
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[size]);
            out.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
            skipResponse(in);
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(node.count("kizuna.http.refused", "body-too-large")).isEqualTo(1);
        }
    }

    @Test
    void aBodyFarOverTheLimitIsAnsweredAndTheConnectionClosed() throws Exception {
        try (RunningWeb node = new RunningWeb(dir, Map.of(), new MemoryAccounts(), null, HistorySink.NONE,
                HttpSettings.DEFAULTS);
             SSLSocket socket = open(node)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
            skipResponse(in);
            assertThat(in.read()).as("connection closed").isEqualTo(-1);
        }
    }

    private static SSLSocket open(RunningWeb node) throws Exception {
        SSLSocket socket = (SSLSocket) node.pki().trustOnlyContext().getSocketFactory()
                .createSocket("127.0.0.1", node.webPort());
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    /** Reads the headers and the body (by Content-Length) of a response whose status line was read. */
    private static void skipResponse(BufferedReader in) throws Exception {
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        for (int i = 0; i < length; i++) {
            in.read(); // the problem bodies are ASCII JSON: one char per byte
        }
    }
}
