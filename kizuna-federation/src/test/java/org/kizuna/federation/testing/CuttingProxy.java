package org.kizuna.federation.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback that can cut every connection through it in the middle of the stream:
 * once armed, after a given number of bytes have passed (either way) on a connection, it closes
 * both sides, as a failing radio link or a firewall reset would. New connections are then
 * relayed normally, so the link can come back. It can also be taken {@link #down()} (every
 * connection cut, new ones closed at once) until it is {@link #up()} again: an outage.
 */
public final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private volatile int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong cutAfterBytes = new AtomicLong(-1);
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean down;

    public CuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "cutting-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Relays new connections to {@code port} from now on (until then they are closed at once). */
    public void target(int port) {
        this.targetPort = port;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The first connection that has carried {@code bytes} bytes in all (both ways) is cut, once. */
    public void cutAfter(long bytes) {
        cutAfterBytes.set(bytes);
    }

    /** Cuts every connection now and closes new ones at once until {@link #up()}. */
    public void down() {
        down = true;
        cuts.incrementAndGet();
        open.forEach(CuttingProxy::closeQuietly);
        open.clear();
    }

    /** Relays new connections again. */
    public void up() {
        down = false;
    }

    public int cuts() {
        return cuts.get();
    }

    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (down) {
                    closeQuietly(client);
                    continue;
                }
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException | IllegalArgumentException unreachable) {
                    closeQuietly(client); // no target yet, or it is down: the dialer retries
                    continue;
                }
                connections.incrementAndGet();
                open.add(client);
                open.add(server);
                AtomicLong carried = new AtomicLong();
                pipe(client, server, carried);
                pipe(server, client, carried);
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("proxy accept failed", e);
                }
            }
        }
    }

    private void pipe(Socket from, Socket to, AtomicLong carried) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    long limit = cutAfterBytes.get();
                    long total = carried.addAndGet(n);
                    if (limit >= 0 && total >= limit && cutAfterBytes.compareAndSet(limit, -1)) {
                        cuts.incrementAndGet();
                        from.close();
                        to.close();
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close the other below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "cutting-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        open.forEach(CuttingProxy::closeQuietly);
    }
}
