package org.kizuna.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.kizuna.store.ChatRow;
import org.kizuna.store.ConnectionRow;
import org.kizuna.store.GroupNames;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.WriteBatch;

/** Writes one {@link WriteBatch} in one transaction with JDBC batches, one statement per table. */
final class BatchInsert {

    private static final String CHAT = "INSERT INTO chat_message (received_at, uid, message_id, chatroom,"
            + " conversation_id, sender_callsign, message, sender, write_groups, event_time)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String CONNECTION = "INSERT INTO connection_event (at_time, kind, session_id,"
            + " client_identity, uid, callsign, groups_in, groups_out) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private BatchInsert() {
    }

    static void write(Connection c, WriteBatch batch) throws SQLException {
        c.setAutoCommit(false);
        try {
            events(c, batch.events());
            chats(c, batch.chats());
            connections(c, batch.connections());
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private static void events(Connection c, List<StoredEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(EventColumns.INSERT)) {
            for (StoredEvent e : events) {
                EventColumns.bind(ps, e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void chats(Connection c, List<ChatRow> chats) throws SQLException {
        if (chats.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(CHAT)) {
            for (ChatRow r : chats) {
                SqlTimes.set(ps, 1, r.receivedAt());
                ps.setString(2, r.uid());
                nullable(ps, 3, r.messageId());
                nullable(ps, 4, r.chatroom());
                nullable(ps, 5, r.conversationId());
                nullable(ps, 6, r.senderCallsign());
                ps.setString(7, r.message());
                ps.setString(8, r.sender());
                ps.setString(9, GroupNames.encode(r.groups()));
                SqlTimes.set(ps, 10, r.time());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void connections(Connection c, List<ConnectionRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(CONNECTION)) {
            for (ConnectionRow r : rows) {
                SqlTimes.set(ps, 1, r.at());
                ps.setString(2, r.kind().name());
                ps.setLong(3, r.sessionId());
                ps.setString(4, r.identity());
                nullable(ps, 5, r.uid());
                nullable(ps, 6, r.callsign());
                ps.setString(7, GroupNames.encode(r.groupsIn()));
                ps.setString(8, GroupNames.encode(r.groupsOut()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void nullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
