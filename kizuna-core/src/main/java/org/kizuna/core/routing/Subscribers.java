package org.kizuna.core.routing;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every registered subscriber (TAK sessions, browsers' live feeds). Lookups by uid or callsign
 * scan; node sizes keep that cheap.
 *
 * <p>Every broadcast walks all subscribers while they come and go far more rarely, so the
 * registry keeps an array that is copied on each change and read without a lock: walking it costs
 * a read per subscriber (walking a {@code ConcurrentHashMap}'s values cost several, a few per cent
 * of the I/O loops under load).
 */
public final class Subscribers {

    private static final Subscriber[] NONE = new Subscriber[0];

    private final AtomicLong ids = new AtomicLong();
    private volatile Subscriber[] all = NONE;

    public long nextId() {
        return ids.incrementAndGet();
    }

    public synchronized void add(Subscriber subscriber) {
        Subscriber[] now = all;
        for (Subscriber s : now) {
            if (s.id() == subscriber.id()) {
                throw new IllegalArgumentException("subscriber " + subscriber.id() + " is already registered");
            }
        }
        Subscriber[] grown = Arrays.copyOf(now, now.length + 1);
        grown[now.length] = subscriber;
        all = grown;
    }

    /** False when {@code subscriber} was not registered (removed before, or never added). */
    public synchronized boolean remove(Subscriber subscriber) {
        Subscriber[] now = all;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == subscriber) {
                Subscriber[] shrunk = new Subscriber[now.length - 1];
                System.arraycopy(now, 0, shrunk, 0, i);
                System.arraycopy(now, i + 1, shrunk, i, now.length - i - 1);
                all = shrunk;
                return true;
            }
        }
        return false;
    }

    /** The subscribers registered at the moment of the call, in the order they registered; never changes after. */
    public List<Subscriber> all() {
        return Collections.unmodifiableList(Arrays.asList(all));
    }

    public int size() {
        return all.length;
    }
}
