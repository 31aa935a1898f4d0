package org.kizuna.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kizuna.store.BoundingBox;
import org.kizuna.store.ChatQuery;
import org.kizuna.store.ChatRow;
import org.kizuna.store.ConnectionRow;
import org.kizuna.store.EventQuery;
import org.kizuna.store.GroupNames;
import org.kizuna.store.Page;
import org.kizuna.store.QueryCursor;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.TrackPoint;
import org.kizuna.store.TrackQuery;

/**
 * The read side. Every query orders by (receive time, id), reads one row more than the page to
 * know whether another page follows, and continues from a {@link QueryCursor}.
 */
final class Queries {

    private Queries() {
    }

    /** Reads one row into T; {@code time} and {@code id} of the row feed the cursor. */
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    static Page<StoredEvent> events(Connection c, EventQuery q) throws SQLException {
        SqlFilter f = new SqlFilter().window("received_at", q.from(), q.to());
        if (q.uid() != null) {
            f.and("uid = ?", q.uid());
        }
        if (q.typePrefix() != null) {
            f.and("(cot_type = ? OR cot_type LIKE ? ESCAPE '\\')", q.typePrefix(), SqlFilter.startsWith(q.typePrefix() + "-"));
        }
        if (q.sender() != null) {
            f.and("sender = ?", q.sender());
        }
        if (q.bbox() != null) {
            bbox(f, q.bbox());
        }
        f.anyGroup("write_groups", q.readableBy());
        if (q.broadcastOnly()) {
            f.and("direct = ?", false);
        }
        f.after("received_at", "id", QueryCursor.decode(q.cursor(), q.fingerprint()));
        String sql = "SELECT " + EventColumns.SELECT + " FROM cot_event" + f.where() + " ORDER BY received_at, id";
        return page(c, sql, f, q.limit(), q.fingerprint(), EventColumns::read, 1, EventColumns.ID_COLUMN);
    }

    private static void bbox(SqlFilter f, BoundingBox b) {
        f.and("lat >= ? AND lat <= ?", b.south(), b.north());
        if (b.crossesAntimeridian()) {
            f.and("(lon >= ? OR lon <= ?)", b.west(), b.east());
        } else {
            f.and("lon >= ? AND lon <= ?", b.west(), b.east());
        }
    }

    static Page<TrackPoint> track(Connection c, TrackQuery q) throws SQLException {
        SqlFilter f = new SqlFilter().and("uid = ?", q.uid()).window("received_at", q.from(), q.to())
                .and("direct = ?", false)
                .anyGroup("write_groups", q.readableBy())
                .after("received_at", "id", QueryCursor.decode(q.cursor(), q.fingerprint()));
        String sql = "SELECT received_at, event_time, cot_type, lat, lon, hae, ce, id FROM cot_event" + f.where()
                + " ORDER BY received_at, id";
        return page(c, sql, f, q.limit(), q.fingerprint(), rs -> new TrackPoint(SqlTimes.get(rs, 1),
                SqlTimes.get(rs, 2), rs.getString(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6),
                rs.getDouble(7)), 1, 8);
    }

    static Page<ChatRow> chats(Connection c, ChatQuery q) throws SQLException {
        SqlFilter f = new SqlFilter().window("received_at", q.from(), q.to());
        if (q.conversationId() != null) {
            f.and("conversation_id = ?", q.conversationId());
        }
        f.after("received_at", "id", QueryCursor.decode(q.cursor(), q.fingerprint()));
        String sql = "SELECT received_at, uid, message_id, chatroom, conversation_id, sender_callsign, message, sender,"
                + " write_groups, event_time, id FROM chat_message" + f.where() + " ORDER BY received_at, id";
        return page(c, sql, f, q.limit(), q.fingerprint(), rs -> new ChatRow(rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                GroupNames.decode(rs.getString(9)), SqlTimes.get(rs, 10), SqlTimes.get(rs, 1)), 1, 11);
    }

    static List<ConnectionRow> connections(Connection c, Instant from, Instant to, int limit) throws SQLException {
        SqlFilter f = new SqlFilter().window("at_time", from, to);
        String sql = "SELECT at_time, kind, session_id, client_identity, uid, callsign, groups_in, groups_out"
                + " FROM connection_event" + f.where() + " ORDER BY at_time, id FETCH FIRST ? ROWS ONLY";
        List<ConnectionRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(f.bind(ps), limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ConnectionRow(SqlTimes.get(rs, 1), ConnectionRow.Kind.valueOf(rs.getString(2)),
                            rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            GroupNames.decode(rs.getString(7)), GroupNames.decode(rs.getString(8))));
                }
            }
        }
        return rows;
    }

    private static <T> Page<T> page(Connection c, String sql, SqlFilter f, int limit, String fingerprint,
                                    RowReader<T> reader, int timeColumn, int idColumn) throws SQLException {
        List<T> items = new ArrayList<>(Math.min(limit, 1024));
        QueryCursor last = null;
        boolean more = false;
        try (PreparedStatement ps = c.prepareStatement(sql + " FETCH FIRST ? ROWS ONLY")) {
            ps.setInt(f.bind(ps), limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == limit) {
                        more = true;
                        break;
                    }
                    items.add(reader.read(rs));
                    last = new QueryCursor(SqlTimes.get(rs, timeColumn), rs.getLong(idColumn));
                }
            }
        }
        return new Page<>(items, more ? Optional.of(last.encode(fingerprint)) : Optional.empty());
    }
}
