package org.kizuna.server.session;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Every open session, by id. Lookups by uid or callsign scan; node sizes keep that cheap. */
public final class SessionRegistry {

    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public long nextId() {
        return ids.incrementAndGet();
    }

    public void add(Session session) {
        sessions.put(session.id(), session);
    }

    public boolean remove(Session session) {
        return sessions.remove(session.id(), session);
    }

    public Collection<Session> all() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    public int size() {
        return sessions.size();
    }
}
