package org.kizuna.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The picture as the router would hold it after replaying the history: per uid the newest
 * broadcast event, if unexpired; gone when a later {@code t-x-d-d} names it (as its own uid or in
 * a {@code <link uid>}) or when the client whose own report it is disconnected after sending it.
 * Chat never is part of the picture.
 */
final class PictureQuery {

    private static final Logger LOG = LoggerFactory.getLogger(PictureQuery.class);

    private static final String DELETE = "t-x-d-d";
    private static final int MAX_DELETES = 100_000;

    private static final String LATEST = "SELECT " + prefixed() + " FROM cot_event e"
            + " WHERE e.stale_time > ? AND e.direct = ? AND e.cot_type <> ? AND e.cot_type NOT LIKE ?"
            + " AND NOT EXISTS (SELECT 1 FROM cot_event n WHERE n.uid = e.uid AND n.direct = ?"
            + " AND (n.received_at > e.received_at OR (n.received_at = e.received_at AND n.id > e.id)))"
            + " ORDER BY e.received_at DESC, e.id DESC FETCH FIRST ? ROWS ONLY";

    private static final String DELETES = "SELECT received_at, xml FROM cot_event"
            + " WHERE cot_type = ? AND received_at >= ? ORDER BY received_at FETCH FIRST ? ROWS ONLY";

    private PictureQuery() {
    }

    static List<StoredEvent> current(Connection c, Instant now, int limit) throws SQLException {
        List<StoredEvent> latest = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LATEST)) {
            SqlTimes.set(ps, 1, now);
            ps.setBoolean(2, false);
            ps.setString(3, "b-t-f");
            ps.setString(4, "b-t-f-%");
            ps.setBoolean(5, false);
            ps.setInt(6, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    latest.add(EventColumns.read(rs));
                }
            }
        }
        latest.removeIf(e -> e.type().equals(DELETE));
        if (latest.isEmpty()) {
            return latest;
        }
        Instant oldest = latest.get(latest.size() - 1).receivedAt();
        Map<String, Instant> gone = deletedSince(c, oldest);
        disconnectedSince(c, oldest, gone);
        latest.removeIf(e -> {
            Instant at = gone.get(e.uid());
            return at != null && !at.isBefore(e.receivedAt());
        });
        return latest;
    }

    /**
     * A client's own report leaves the picture when it disconnects (as the router does): adds
     * uid → time of its latest disconnect since {@code since}.
     */
    private static void disconnectedSince(Connection c, Instant since, Map<String, Instant> gone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT uid, at_time FROM connection_event"
                + " WHERE kind = ? AND uid IS NOT NULL AND at_time >= ? ORDER BY at_time FETCH FIRST ? ROWS ONLY")) {
            ps.setString(1, "DISCONNECTED");
            SqlTimes.set(ps, 2, since);
            ps.setInt(3, MAX_DELETES);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gone.merge(rs.getString(1), SqlTimes.get(rs, 2), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
    }

    /** uid → time of the latest delete naming it in a {@code <link>}, for deletes since {@code since}. */
    private static Map<String, Instant> deletedSince(Connection c, Instant since) throws SQLException {
        Map<String, Instant> deleted = new HashMap<>();
        CotXmlReader reader = new CotXmlReader(CotLimits.DEFAULTS);
        try (PreparedStatement ps = c.prepareStatement(DELETES)) {
            ps.setString(1, DELETE);
            SqlTimes.set(ps, 2, since);
            ps.setInt(3, MAX_DELETES);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant at = SqlTimes.get(rs, 1);
                    for (Link link : links(reader, rs.getBytes(2))) {
                        link.uid().ifPresent(uid -> deleted.merge(uid, at, (a, b) -> a.isAfter(b) ? a : b));
                    }
                }
            }
        }
        return deleted;
    }

    private static List<Link> links(CotXmlReader reader, byte[] xml) {
        try {
            CotEvent event = reader.read(xml);
            return event.detail().links();
        } catch (CotDecodeException e) {
            // written by our own writer, so this is damage, not input: keep the picture, say so
            LOG.warn("stored delete event does not parse, ignored for the picture: {}", e.getMessage());
            return List.of();
        }
    }

    private static String prefixed() {
        StringBuilder b = new StringBuilder();
        for (String column : EventColumns.SELECT.split(",")) {
            b.append(b.length() == 0 ? "" : ", ").append("e.").append(column.trim());
        }
        return b.toString();
    }
}
