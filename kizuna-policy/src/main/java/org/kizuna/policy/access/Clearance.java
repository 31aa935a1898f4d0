package org.kizuna.policy.access;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kizuna.policy.label.Category;

/**
 * What a client or a partner node (its accreditation) may hold, under one policy: classifications
 * as an explicit set (as spiffing does: a rank orders markings but does not by itself grant the
 * lower ones; {@code SecurityPolicy.classificationsUpTo} builds the usual "up to" set), category
 * values by tag, and the holder's nation.
 *
 * <p>The same clearance bounds what a sender may write: it can never label above it.
 *
 * @param nation alpha-3 of the holder's nation, or empty
 */
public record Clearance(String policyId, String nation, Set<String> classifications, Map<String, Set<String>> categories) {

    public Clearance {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(nation, "nation");
        classifications = Collections.unmodifiableSet(new TreeSet<>(classifications));
        TreeMap<String, Set<String>> copy = new TreeMap<>();
        categories.forEach((tag, values) -> {
            TreeSet<String> v = new TreeSet<>();
            values.forEach(x -> v.add(Category.normalise(x)));
            copy.put(tag, Collections.unmodifiableSet(v));
        });
        categories = Collections.unmodifiableMap(copy);
    }

    /** Whether this clearance holds {@code value} of category {@code tagName}. */
    public boolean holds(String tagName, String value) {
        Set<String> held = categories.get(tagName);
        return held != null && held.contains(value);
    }
}
