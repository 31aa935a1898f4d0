package org.kizuna.store;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Group names in one text column, portable across H2 and PostgreSQL (no array types):
 * {@code ,Blue,Red,} — sorted, each name with {@code %} and {@code ,} percent-escaped, so that
 * "rows written into group G" can be the portable {@code LIKE '%,G,%'} (for the group filter of
 * the REST layer).
 */
public final class GroupNames {

    private GroupNames() {
    }

    /** The column value for {@code names}; {@code ","} when there are none. */
    public static String encode(Collection<String> names) {
        StringBuilder out = new StringBuilder(",");
        for (String name : new TreeSet<>(names)) {
            out.append(escape(name)).append(',');
        }
        return out.toString();
    }

    /** The names in a column value written by {@link #encode}. */
    public static Set<String> decode(String column) {
        Set<String> names = new LinkedHashSet<>();
        if (column == null) {
            return names;
        }
        for (String part : column.split(",")) {
            if (!part.isEmpty()) {
                names.add(unescape(part));
            }
        }
        return names;
    }

    /** One name as it appears between the commas of a column value. */
    public static String escape(String name) {
        return name.replace("%", "%25").replace(",", "%2C");
    }

    static String unescape(String part) {
        return part.replace("%2C", ",").replace("%25", "%");
    }
}
