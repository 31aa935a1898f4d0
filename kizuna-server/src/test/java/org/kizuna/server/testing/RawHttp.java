package org.kizuna.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * One HTTP/1.1 exchange written by hand, for what the JDK client will not send: any {@code Host}
 * header, a malformed request target, a chosen source address ({@code 127.0.0.2}: Linux routes
 * all of 127/8 to the loopback interface). Reads the status line, the headers and a
 * {@code Content-Length} body, so an answer that keeps the connection open (101) is read too.
 */
public final class RawHttp {

    /** What came back. Header names are lower case. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private final SSLContext tls;
    private final int port;

    /** {@code tls} null: plain HTTP. The server listens on 127.0.0.1:{@code port}. */
    public RawHttp(SSLContext tls, int port) {
        this.tls = tls;
        this.port = port;
    }

    public Answer exchange(String request) throws IOException {
        return exchange(InetAddress.getLoopbackAddress(), request);
    }

    /** Sends {@code request} (CRLF line ends, as given) from {@code from} and reads one answer. */
    public Answer exchange(InetAddress from, String request) throws IOException {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(from, 0));
        plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        plain.setSoTimeout(10_000);
        try (Socket socket = tls == null ? plain : tls.getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /** A request of {@code method} for {@code target} with {@code Host: host}, the given headers and body. */
    public static String request(String method, String target, String host, Map<String, String> headers, String body) {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (host != null) {
            b.append("Host: ").append(host).append("\r\n");
        }
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            b.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        return b.append("Connection: close\r\n\r\n").append(body).toString();
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed before the answer's headers ended: " + head);
            }
            head.write(c);
            matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Answer(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
}
