package org.kizuna.cot;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The attributes of one detail element, in document order, immutable. Well-known elements keep
 * every attribute they were sent with, so nothing is lost on a round trip even when a client adds
 * attributes we do not model.
 */
public final class Attributes {

    private static final Attributes EMPTY = new Attributes(new String[0]);

    /**
     * Names at even indexes, each followed by its value; names unique. A detail element has a
     * handful of attributes, so a linear scan beats hashing, and the codecs build one per element
     * they read (a hash map per element was a fifth of protobuf decoding time).
     */
    private final String[] pairs;

    private Attributes(String[] pairs) {
        this.pairs = pairs;
    }

    public static Attributes empty() {
        return EMPTY;
    }

    /** Copies {@code values}, keeping its iteration order. */
    public static Attributes of(Map<String, String> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        String[] pairs = new String[values.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "attribute name");
            pairs[i++] = name;
            pairs[i++] = Objects.requireNonNull(e.getValue(), () -> "value of attribute " + name);
        }
        return new Attributes(pairs);
    }

    /**
     * Name/value pairs: {@code of("callsign", "KESTREL", "endpoint", "*:-1:stcp")}. A repeated name
     * keeps its first position and takes the last value, as a map would.
     */
    public static Attributes of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        if (namesAndValues.length == 0) {
            return EMPTY;
        }
        String[] pairs = new String[namesAndValues.length];
        int size = 0;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = Objects.requireNonNull(namesAndValues[i], "attribute name");
            String value = Objects.requireNonNull(namesAndValues[i + 1], () -> "value of attribute " + name);
            int at = indexOf(pairs, size, name);
            if (at >= 0) {
                pairs[at + 1] = value;
            } else {
                pairs[size++] = name;
                pairs[size++] = value;
            }
        }
        return new Attributes(size == pairs.length ? pairs : Arrays.copyOf(pairs, size));
    }

    /** The index of {@code name} among the first {@code size} slots of {@code pairs}, or -1. */
    private static int indexOf(String[] pairs, int size, String name) {
        for (int i = 0; i < size; i += 2) {
            if (pairs[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(getOrNull(name));
    }

    /** The value, or {@code null} when absent. For codecs; model users prefer {@link #get}. */
    public String getOrNull(String name) {
        int at = indexOf(pairs, pairs.length, name);
        return at < 0 ? null : pairs[at + 1];
    }

    public boolean has(String name) {
        return indexOf(pairs, pairs.length, name) >= 0;
    }

    /** The attribute parsed as a double, empty when absent or not a finite number. */
    public Optional<Double> getDouble(String name) {
        String v = getOrNull(name);
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
        Objects.requireNonNull(value, () -> "value of attribute " + name);
        int at = indexOf(pairs, pairs.length, Objects.requireNonNull(name, "attribute name"));
        String[] copy = Arrays.copyOf(pairs, at >= 0 ? pairs.length : pairs.length + 2);
        if (at >= 0) {
            copy[at + 1] = value;
        } else {
            copy[pairs.length] = name;
            copy[pairs.length + 1] = value;
        }
        return new Attributes(copy);
    }

    /** The attribute names, in document order. */
    public java.util.Set<String> names() {
        return asMap().keySet();
    }

    /** A read-only copy as a map, iterating in document order. Codecs use {@link #forEach}. */
    public Map<String, String> asMap() {
        LinkedHashMap<String, String> map = new LinkedHashMap<>(pairs.length);
        forEach(map::put);
        return Collections.unmodifiableMap(map);
    }

    /** Calls {@code action} with each name and value, in document order, without building a map. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < pairs.length; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    /** Equal when the same names have the same values, in any order (as maps are). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Attributes other) || other.pairs.length != pairs.length) {
            return false;
        }
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(other.getOrNull(pairs[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The hash code of the equal map, so that order does not matter. */
    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            h += pairs[i].hashCode() ^ pairs[i + 1].hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
