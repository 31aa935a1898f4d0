package org.kizuna.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.kizuna.store.GroupNames;
import org.kizuna.store.StoredEvent;

/** The {@code cot_event} columns: the insert, the select list and the mapping both ways. */
final class EventColumns {

    static final String INSERT = "INSERT INTO cot_event (received_at, uid, cot_type, how, event_time, start_time,"
            + " stale_time, lat, lon, hae, ce, sender, write_groups, direct, label, xml, label_policy, label_classification)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Select list; {@link #read} expects this order, then {@code id} is column 19. */
    static final String SELECT = "received_at, uid, cot_type, how, event_time, start_time, stale_time, lat, lon, hae,"
            + " ce, sender, write_groups, direct, label, xml, label_policy, label_classification, id";

    static final int ID_COLUMN = 19;

    private EventColumns() {
    }

    static void bind(PreparedStatement ps, StoredEvent e) throws SQLException {
        SqlTimes.set(ps, 1, e.receivedAt());
        ps.setString(2, e.uid());
        ps.setString(3, e.type());
        ps.setString(4, e.how());
        SqlTimes.set(ps, 5, e.time());
        SqlTimes.set(ps, 6, e.start());
        SqlTimes.set(ps, 7, e.stale());
        ps.setDouble(8, e.lat());
        ps.setDouble(9, e.lon());
        ps.setDouble(10, e.hae());
        ps.setDouble(11, e.ce());
        ps.setString(12, e.sender());
        ps.setString(13, GroupNames.encode(e.groups()));
        ps.setBoolean(14, e.direct());
        setNullable(ps, 15, e.label());
        ps.setBytes(16, e.xml());
        setNullable(ps, 17, e.labelPolicy());
        setNullable(ps, 18, e.labelClassification());
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    static StoredEvent read(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getString(2), rs.getString(3), rs.getString(4), SqlTimes.get(rs, 5),
                SqlTimes.get(rs, 6), SqlTimes.get(rs, 7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10),
                rs.getDouble(11), rs.getString(12), GroupNames.decode(rs.getString(13)), rs.getBoolean(14),
                SqlTimes.get(rs, 1), rs.getString(15), rs.getString(17), rs.getString(18), rs.getBytes(16));
    }
}
