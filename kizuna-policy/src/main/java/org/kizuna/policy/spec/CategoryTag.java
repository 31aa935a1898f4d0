package org.kizuna.policy.spec;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;

/**
 * A category tag a policy defines: its name, type and allowed values.
 *
 * @param marking      the banner prefix of a list marking ({@code "REL TO"}), or empty: then each
 *                     value is marked by itself ({@code NOFORN})
 * @param countries    true when the values are countries and tetragraphs (checked against the
 *                     country table, ordered by the REL TO rule)
 * @param values       allowed values (upper-case) and their portion abbreviations; empty with
 *                     {@code countries}
 */
public record CategoryTag(String name, CategoryType type, String marking, boolean countries, Map<String, String> values) {

    public CategoryTag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(marking, "marking");
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((v, portion) -> copy.put(Category.normalise(v), portion));
        values = java.util.Collections.unmodifiableMap(copy);
        if (!countries && values.isEmpty() && type != CategoryType.INFORMATIVE) {
            throw new IllegalArgumentException("category " + name + " needs values or countries: true");
        }
    }

    /** Whether {@code value} (normalised) is allowed under this tag. */
    public boolean allows(String value) {
        if (countries) {
            return org.kizuna.policy.country.Countries.isTrigraph(value)
                    || org.kizuna.policy.country.Countries.isTetragraph(value);
        }
        return type == CategoryType.INFORMATIVE && values.isEmpty() || values.containsKey(value);
    }

    /** The portion abbreviation of {@code value}: its own when the policy gives one, else the value. */
    public String portionOf(String value) {
        return Optional.ofNullable(values.get(value)).filter(p -> !p.isBlank()).orElse(value);
    }
}
