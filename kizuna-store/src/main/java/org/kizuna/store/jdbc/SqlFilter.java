package org.kizuna.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.kizuna.store.GroupNames;
import org.kizuna.store.QueryCursor;

/**
 * A WHERE clause assembled from optional filters, with its parameters in order. Values are always
 * bound, never concatenated.
 */
final class SqlFilter {

    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    SqlFilter and(String clause, Object... values) {
        clauses.add(clause);
        params.addAll(List.of(values));
        return this;
    }

    /** {@code column >= from} and {@code column < to}, each when given. */
    SqlFilter window(String column, Instant from, Instant to) {
        if (from != null) {
            and(column + " >= ?", from);
        }
        if (to != null) {
            and(column + " < ?", to);
        }
        return this;
    }

    /** Rows after the cursor in (time, id) order. */
    SqlFilter after(String timeColumn, String idColumn, QueryCursor cursor) {
        if (cursor != null) {
            and("(" + timeColumn + " > ? OR (" + timeColumn + " = ? AND " + idColumn + " > ?))",
                    cursor.receivedAt(), cursor.receivedAt(), cursor.id());
        }
        return this;
    }

    /**
     * Rows whose group column holds at least one of {@code groups} ({@link GroupNames} format); no
     * clause when {@code groups} is null, and a false one when it is empty.
     */
    SqlFilter anyGroup(String column, Set<String> groups) {
        if (groups == null) {
            return this;
        }
        if (groups.isEmpty()) {
            return and("1 = 0");
        }
        List<String> ors = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (String g : groups) {
            ors.add(column + " LIKE ? ESCAPE '\\'");
            values.add("%," + likeEscape(GroupNames.escape(g)) + ",%");
        }
        return and("(" + String.join(" OR ", ors) + ")", values.toArray());
    }

    String where() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** Binds the parameters from index 1; returns the next free index. */
    int bind(PreparedStatement ps) throws SQLException {
        int i = 1;
        for (Object p : params) {
            if (p instanceof Instant t) {
                SqlTimes.set(ps, i, t);
            } else {
                ps.setObject(i, p);
            }
            i++;
        }
        return i;
    }

    /** {@code LIKE} pattern for values starting with {@code prefix} (escape character {@code \}). */
    static String startsWith(String prefix) {
        return likeEscape(prefix) + "%";
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
    }
}
