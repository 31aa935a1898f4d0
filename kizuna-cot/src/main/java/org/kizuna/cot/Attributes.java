package org.kizuna.cot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The attributes of one detail element, in document order, immutable. Well-known elements keep
 * every attribute they were sent with, so nothing is lost on a round trip even when a client adds
 * attributes we do not model.
 */
public final class Attributes {

    private static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<String, String> values;

    private Attributes(Map<String, String> values) {
        this.values = values;
    }

    public static Attributes empty() {
        return EMPTY;
    }

    /** Copies {@code values}, keeping its iteration order. */
    public static Attributes of(Map<String, String> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(capacityFor(values.size()));
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "attribute name"),
                Objects.requireNonNull(v, () -> "value of attribute " + k)));
        return new Attributes(Collections.unmodifiableMap(copy));
    }

    /** Name/value pairs: {@code of("callsign", "KESTREL", "endpoint", "*:-1:stcp")}. */
    public static Attributes of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        if (namesAndValues.length == 0) {
            return EMPTY;
        }
        // Built once rather than copied: the codecs call this for every detail element they read.
        LinkedHashMap<String, String> map = new LinkedHashMap<>(capacityFor(namesAndValues.length / 2));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = Objects.requireNonNull(namesAndValues[i], "attribute name");
            map.put(name, Objects.requireNonNull(namesAndValues[i + 1], () -> "value of attribute " + name));
        }
        return new Attributes(Collections.unmodifiableMap(map));
    }

    /** A HashMap capacity that holds {@code entries} without rehashing. */
    private static int capacityFor(int entries) {
        return entries * 4 / 3 + 1;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value, or {@code null} when absent. For codecs; model users prefer {@link #get}. */
    public String getOrNull(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The attribute parsed as a double, empty when absent or not a finite number. */
    public Optional<Double> getDouble(String name) {
        String v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A copy with {@code name} set to {@code value} (replacing it in place, or appended). */
    public Attributes with(String name, String value) {
        LinkedHashMap<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return of(copy);
    }

    /** The attribute names, in document order. */
    public java.util.Set<String> names() {
        return values.keySet();
    }

    public Map<String, String> asMap() {
        return values;
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
