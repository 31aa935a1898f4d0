package org.kizuna.core.leaks;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A label as the oracle sees it: a classification name and the values of each category tag
 * (the tag's type is the policy's business, read from the policy text). Plain collections, no
 * production label classes, so the oracle shares no code with what it checks.
 */
record OracleLabel(String classification, SortedMap<String, SortedSet<String>> values) {

    OracleLabel {
        Objects.requireNonNull(classification, "classification");
        SortedMap<String, SortedSet<String>> copy = new TreeMap<>();
        values.forEach((tag, v) -> copy.put(tag, new TreeSet<>(v)));
        values = copy;
    }

    static OracleLabel of(String classification, Map<String, ? extends java.util.Collection<String>> values) {
        SortedMap<String, SortedSet<String>> v = new TreeMap<>();
        values.forEach((tag, vs) -> v.put(tag, new TreeSet<>(vs)));
        return new OracleLabel(classification, v);
    }

    /** The values of {@code tag}; null when the label does not carry the tag. */
    SortedSet<String> valuesOf(String tag) {
        return values.get(tag);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(classification);
        values.forEach((tag, v) -> b.append("//").append(tag).append('=').append(String.join(",", v)));
        return b.toString();
    }
}
