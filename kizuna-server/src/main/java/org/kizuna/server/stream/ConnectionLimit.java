package org.kizuna.server.stream;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The streaming connections open at once, over all listeners, from accept to close: handshakes
 * in progress count as well as sessions. Counting only sessions let a peer that opens sockets and
 * never finishes a TLS handshake hold any number of them (each with its TLS engine) until the
 * handshake timeout.
 */
public final class ConnectionLimit {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionLimit(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be > 0: " + max);
        }
        this.max = max;
    }

    /** Counts one more connection; false (and nothing counted) when {@code max} are open. */
    public boolean tryOpen() {
        while (true) {
            int now = open.get();
            if (now >= max) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** A connection counted by {@link #tryOpen} closed. */
    public void closed() {
        open.decrementAndGet();
    }

    public int open() {
        return open.get();
    }

    public int max() {
        return max;
    }
}
