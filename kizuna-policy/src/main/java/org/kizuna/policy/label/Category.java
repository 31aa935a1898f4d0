package org.kizuna.policy.label;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One category of a label: a tag name, its type and its values.
 *
 * <p>Values are kept upper-case and sorted: policies match them case-insensitively (as the NATO
 * and PUBLIC policies do), and a canonical form makes equal labels equal values, which the
 * decision cache relies on. A permissive category with no value admits nobody; it arises only
 * from the dominant-label rule when the inputs share no releasability.
 */
public record Category(String tagName, CategoryType type, SortedSet<String> values) {

    public Category {
        Objects.requireNonNull(tagName, "tagName");
        if (tagName.isBlank()) {
            throw new IllegalArgumentException("category tag name must not be blank");
        }
        Objects.requireNonNull(type, "type");
        values = canonical(values);
        if (values.isEmpty() && type != CategoryType.PERMISSIVE) {
            throw new IllegalArgumentException("category " + tagName + " needs at least one value");
        }
    }

    public static Category of(String tagName, CategoryType type, String... values) {
        return new Category(tagName, type, new TreeSet<>(java.util.List.of(values)));
    }

    public static Category of(String tagName, CategoryType type, Collection<String> values) {
        return new Category(tagName, type, new TreeSet<>(values));
    }

    public boolean has(String value) {
        return values.contains(normalise(value));
    }

    /** The form every value is kept in. */
    public static String normalise(String value) {
        return value.trim().toUpperCase(Locale.ROOT);
    }

    private static SortedSet<String> canonical(Collection<String> values) {
        TreeSet<String> out = new TreeSet<>();
        for (String v : values) {
            String n = normalise(Objects.requireNonNull(v, "category value"));
            if (n.isEmpty()) {
                throw new IllegalArgumentException("category values must not be blank");
            }
            out.add(n);
        }
        return Collections.unmodifiableSortedSet(out);
    }
}
