package org.kizuna.server.session;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every open session. Lookups by uid or callsign scan; node sizes keep that cheap.
 *
 * <p>Every broadcast walks all sessions while sessions come and go far more rarely, so the
 * registry keeps an array that is copied on each change and read without a lock: walking it costs
 * a read per session (walking a {@code ConcurrentHashMap}'s values cost several, a few per cent of
 * the I/O loops under load).
 */
public final class SessionRegistry {

    private static final Session[] NONE = new Session[0];

    private final AtomicLong ids = new AtomicLong();
    private volatile Session[] sessions = NONE;

    public long nextId() {
        return ids.incrementAndGet();
    }

    public synchronized void add(Session session) {
        Session[] now = sessions;
        for (Session s : now) {
            if (s.id() == session.id()) {
                throw new IllegalArgumentException("session " + session.id() + " is already registered");
            }
        }
        Session[] grown = Arrays.copyOf(now, now.length + 1);
        grown[now.length] = session;
        sessions = grown;
    }

    /** False when {@code session} was not registered (removed before, or never added). */
    public synchronized boolean remove(Session session) {
        Session[] now = sessions;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == session) {
                Session[] shrunk = new Session[now.length - 1];
                System.arraycopy(now, 0, shrunk, 0, i);
                System.arraycopy(now, i + 1, shrunk, i, now.length - i - 1);
                sessions = shrunk;
                return true;
            }
        }
        return false;
    }

    /** The sessions open at the moment of the call, in the order they registered; never changes after. */
    public List<Session> all() {
        return Collections.unmodifiableList(Arrays.asList(sessions));
    }

    public int size() {
        return sessions.length;
    }
}
