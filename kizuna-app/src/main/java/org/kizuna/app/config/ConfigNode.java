package org.kizuna.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A typed view of one YAML mapping that knows its own path, so every error names the key
 * ({@code session.readIdleTimeout: expected a duration like 30s, got 'soon'}) and unknown keys
 * are refused instead of silently ignored.
 */
final class ConfigNode {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})\\s*(KB|MB|GB)?");

    private final String path;
    private final JsonNode node;

    ConfigNode(String path, JsonNode node) {
        this.path = path;
        this.node = node == null || node.isNull() ? MissingNode.getInstance() : node;
        if (!this.node.isMissingNode() && !this.node.isObject()) {
            throw new ConfigException(displayPath() + ": expected a mapping");
        }
    }

    ConfigNode child(String key) {
        return new ConfigNode(key(key), node.get(key));
    }

    /** The dotted path of this mapping, for messages. */
    String path() {
        return displayPath();
    }

    /** Whether any of {@code keys} is set here. */
    boolean hasAny(String... keys) {
        for (String k : keys) {
            if (node.has(k)) {
                return true;
            }
        }
        return false;
    }

    boolean isPresent() {
        return !node.isMissingNode();
    }

    /** Refuses keys other than {@code allowed}, which are usually typos. */
    ConfigNode allowOnly(String... allowed) {
        Set<String> ok = Set.of(allowed);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!ok.contains(name)) {
                throw new ConfigException(key(name) + ": unknown setting (known: " + String.join(", ", allowed) + ")");
            }
        }
        return this;
    }

    Iterator<String> keys() {
        return node.fieldNames();
    }

    String string(String key, String fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode()) {
            throw new ConfigException(key(key) + ": expected a text value");
        }
        return v.asText();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new ConfigException(key(key) + ": expected true or false, got '" + v.asText() + "'");
        }
        return v.booleanValue();
    }

    int integer(String key, int fallback, int min, int max) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new ConfigException(key(key) + ": expected a whole number, got '" + v.asText() + "'");
        }
        int i = v.intValue();
        if (i < min || i > max) {
            throw new ConfigException(key(key) + ": " + i + " is outside " + min + ".." + max);
        }
        return i;
    }

    Duration duration(String key, Duration fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        Matcher m = DURATION.matcher(v.asText().trim());
        if (!m.matches()) {
            throw new ConfigException(key(key) + ": expected a duration like 500ms, 30s, 5m, 1h or 30d, got '" + v.asText() + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero()) {
            throw new ConfigException(key(key) + ": must be greater than zero");
        }
        return d;
    }

    /** A size in bytes: a whole number, or with a unit {@code KB}, {@code MB}, {@code GB} (powers of 1024). */
    long bytes(String key, long fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        Matcher m = SIZE.matcher(v.asText().trim());
        if (!m.matches()) {
            throw new ConfigException(key(key) + ": expected a size like 500MB or 20GB, got '" + v.asText() + "'");
        }
        int shift = switch (m.group(2) == null ? "" : m.group(2)) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new ConfigException(key(key) + ": too large");
        }
        return n << shift;
    }

    List<String> strings(String key, List<String> fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isArray()) {
            throw new ConfigException(key(key) + ": expected a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isValueNode() || item.asText().isBlank()) {
                throw new ConfigException(key(key) + ": list items must be non-empty text");
            }
            out.add(item.asText());
        }
        return out;
    }

    private String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String displayPath() {
        return path.isEmpty() ? "(top level)" : path;
    }
}
