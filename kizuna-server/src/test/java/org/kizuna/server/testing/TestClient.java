package org.kizuna.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.proto.TakStreamFramer;
import org.kizuna.cot.xml.CotXmlFramer;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.cot.xml.CotXmlWriter;

/**
 * A blocking TAK streaming client for tests: sends XML (or, after negotiation, protobuf), and
 * collects everything the server sends on a reader thread. Every wait has a timeout.
 *
 * <p>Strict about what it reads: bytes from the server that are not CoT fail the next wait or
 * assertion of the test, and {@link #assertNothing} fails when the server closed the connection,
 * since on a closed connection nothing can arrive and "nothing arrived" would prove nothing.
 */
public final class TestClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private static final CotXmlReader XML = new CotXmlReader(CotLimits.DEFAULTS);
    private static final TakProtoCodec PROTO = new TakProtoCodec(CotLimits.DEFAULTS);

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<CotEvent> received = new LinkedBlockingQueue<>();
    private final List<CotEvent> seen = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Throwable garbage;
    private volatile boolean closedHere;
    private volatile boolean protobufIn;
    private volatile boolean protobufOut;

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "test-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects over TLS and completes the handshake. */
    public static TestClient tls(SSLContext context, int port) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(0);
        s.startHandshake();
        return new TestClient(s);
    }

    public static TestClient plain(int port) throws IOException {
        return new TestClient(new Socket("127.0.0.1", port));
    }

    public void send(CotEvent event) throws IOException {
        sendRaw(protobufOut ? TakStreamFramer.frame(PROTO.encode(event)) : CotXmlWriter.toBytes(event));
    }

    public synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Asks for TAK protocol v1 and waits for the server's yes; both directions then use protobuf. */
    public void negotiateProtobuf() throws IOException, InterruptedException {
        byte[] request = CotXmlWriter.toBytes(protocolRequest());
        // Armed before the write: the reader may see the server's answer before this thread runs
        // again, and must then read what follows the answer as protobuf.
        protobufOut = true;
        sendRaw(request);
        CotEvent response = await(e -> e.type().value().equals("t-x-takp-r"));
        if (!response.detail().unknown().toString().contains("status=\"true\"")) {
            throw new IllegalStateException("server refused protobuf: " + response);
        }
    }

    /** A {@code t-x-takp-q} for version 1 answering the server's offer. */
    private CotEvent protocolRequest() throws InterruptedException {
        CotEvent offer = await(e -> e.type().value().equals("t-x-takp-v"));
        Instant now = Instant.now();
        return CotEvent.builder(offer.uid(), "t-x-takp-q")
                .times(now, now.plusSeconds(60))
                .detail(org.kizuna.cot.Detail.builder()
                        .unknown(List.of("<TakControl><TakRequest version=\"1\"/></TakControl>")).build())
                .build();
    }

    /** Waits for the first event (already received or arriving) that matches. */
    public CotEvent await(Predicate<CotEvent> match) throws InterruptedException {
        return await(match, WAIT);
    }

    public CotEvent await(Predicate<CotEvent> match, Duration timeout) throws InterruptedException {
        failOnGarbage();
        synchronized (seen) {
            for (CotEvent e : seen) {
                if (match.test(e)) {
                    seen.remove(e);
                    return e;
                }
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            CotEvent e = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) {
                failOnGarbage();
                throw new AssertionError("no matching event within " + timeout.toMillis() + " ms; got " + snapshot());
            }
            if (match.test(e)) {
                return e;
            }
            synchronized (seen) {
                seen.add(e);
            }
        }
    }

    public CotEvent awaitUid(String uid) throws InterruptedException {
        return await(e -> e.uid().equals(uid));
    }

    /** Everything received so far and not taken by an {@code await}, in arrival order; never waits. */
    public List<CotEvent> receivedSoFar() {
        synchronized (seen) {
            received.drainTo(seen);
            return List.copyOf(seen);
        }
    }

    /**
     * Asserts that nothing matching has arrived, or arrives within {@code quiet}. What already
     * arrived is checked first: {@code await} looks at the queue only while time is left, so with
     * a zero quiet period it would see only what earlier awaits happened to pass over.
     */
    public void assertNothing(Predicate<CotEvent> match, Duration quiet) throws InterruptedException {
        failIfClosedByServer();
        for (CotEvent e : receivedSoFar()) {
            if (match.test(e)) {
                throw new AssertionError("unexpected event: " + e);
            }
        }
        try {
            CotEvent e = await(match, quiet);
            throw new AssertionError("unexpected event: " + e);
        } catch (AssertionError expected) {
            if (expected.getMessage().startsWith("unexpected event") || expected.getMessage().startsWith("the server")) {
                throw expected;
            }
        }
        failIfClosedByServer();
    }

    private void failOnGarbage() {
        Throwable bad = garbage;
        if (bad != null) {
            throw new AssertionError("the server sent something that is not CoT: " + bad, bad);
        }
    }

    private void failIfClosedByServer() {
        failOnGarbage();
        if (isClosed() && !closedHere) {
            throw new AssertionError("the server closed the connection: nothing could arrive, so assertNothing proves nothing");
        }
    }

    /** Waits until the server closes the connection. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    private List<String> snapshot() {
        List<String> all = new ArrayList<>();
        synchronized (seen) {
            seen.forEach(e -> all.add(e.type() + " " + e.uid()));
        }
        return all;
    }

    private void readLoop() {
        CotXmlFramer xmlFramer = new CotXmlFramer(CotLimits.DEFAULTS.maxFrameBytes());
        TakStreamFramer protoFramer = new TakStreamFramer(CotLimits.DEFAULTS.maxFrameBytes());
        byte[] buf = new byte[16384];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                int from = 0;
                if (!protobufIn) {
                    // The server switches right after its response: what follows it is protobuf.
                    from = xmlFramer.feedUntil(buf, 0, n, frame -> {
                        acceptXml(frame);
                        return !protobufIn;
                    });
                }
                if (protobufIn && from < n) {
                    protoFramer.feed(buf, from, n - from, this::acceptProto);
                }
            }
        } catch (IOException e) {
            // connection closed or broken: recorded below
        } catch (CotDecodeException | RuntimeException e) {
            garbage = e;
        } finally {
            closed.countDown();
        }
    }

    /** Sends a protocol request and, in the same write, {@code followUp} framed as protobuf. */
    public void requestProtobufWithFollowUp(CotEvent followUp) throws IOException, InterruptedException {
        CotEvent request = protocolRequest();
        byte[] xml = CotXmlWriter.toBytes(request);
        byte[] proto = TakStreamFramer.frame(PROTO.encode(followUp));
        byte[] both = java.util.Arrays.copyOf(xml, xml.length + proto.length);
        System.arraycopy(proto, 0, both, xml.length, proto.length);
        protobufOut = true;
        sendRaw(both);
        await(e -> e.type().value().equals("t-x-takp-r"));
    }

    private void acceptXml(byte[] frame) {
        try {
            CotEvent e = XML.read(frame);
            received.add(e);
            if (e.type().value().equals("t-x-takp-r") && protobufOut) {
                protobufIn = true;
            }
        } catch (CotDecodeException e) {
            throw new IllegalStateException("server sent bad XML: " + new String(frame), e);
        }
    }

    private void acceptProto(byte[] payload) {
        try {
            received.add(PROTO.decode(payload));
        } catch (CotDecodeException e) {
            throw new IllegalStateException("server sent bad protobuf", e);
        }
    }

    @Override
    public void close() throws IOException {
        closedHere = true;
        socket.close();
    }
}
