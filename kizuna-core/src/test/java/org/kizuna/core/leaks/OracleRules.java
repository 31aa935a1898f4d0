package org.kizuna.core.leaks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release rules file as the oracle reads it: plain maps from Jackson, one list of rules per
 * posture. Areas are the axis-aligned boxes the generator writes (four vertices); anything else
 * is refused here, so the oracle never needs a polygon test of its own.
 */
final class OracleRules {

    /** One rule: what it covers, and permit with a shaping or deny. {@code box} is minLat, maxLat, minLon, maxLon. */
    record Rule(String name, List<String> types, double[] box, String maxClassification,
                Map<String, Set<String>> anyValues, Set<String> nations, boolean permit, Shaping shaping) {
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h)");

    private final Map<String, List<Rule>> byPosture = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    static OracleRules parse(String yaml) {
        OracleRules rules = new OracleRules();
        Map<String, Object> root;
        try {
            root = OraclePolicy.YAML.readValue(yaml, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null) {
            return rules;
        }
        root.forEach((posture, list) -> {
            List<Rule> out = new ArrayList<>();
            for (Object r : (List<Object>) list) {
                out.add(rule((Map<String, Object>) r));
            }
            rules.byPosture.put(posture, out);
        });
        return rules;
    }

    /** The rules of {@code posture}, in order; none for a posture the file does not name. */
    List<Rule> of(String posture) {
        return byPosture.getOrDefault(posture, List.of());
    }

    @SuppressWarnings("unchecked")
    private static Rule rule(Map<String, Object> r) {
        Map<String, Set<String>> anyValues = new HashMap<>();
        Map<String, Object> any = (Map<String, Object>) r.getOrDefault("anyValues", Map.of());
        any.forEach((tag, values) -> anyValues.put(tag, new HashSet<>((List<String>) values)));
        boolean permit = !Boolean.FALSE.equals(r.get("permit"));
        return new Rule((String) r.get("name"), (List<String>) r.getOrDefault("types", List.of()),
                box((List<List<Number>>) r.get("area")), (String) r.getOrDefault("maxClassification", ""),
                anyValues, new HashSet<>((List<String>) r.getOrDefault("nations", List.of())), permit,
                shaping((Map<String, Object>) r.get("obligations")));
    }

    private static double[] box(List<List<Number>> vertices) {
        if (vertices == null) {
            return null;
        }
        double minLat = Double.MAX_VALUE;
        double maxLat = -Double.MAX_VALUE;
        double minLon = Double.MAX_VALUE;
        double maxLon = -Double.MAX_VALUE;
        for (List<Number> v : vertices) {
            minLat = Math.min(minLat, v.get(0).doubleValue());
            maxLat = Math.max(maxLat, v.get(0).doubleValue());
            minLon = Math.min(minLon, v.get(1).doubleValue());
            maxLon = Math.max(maxLon, v.get(1).doubleValue());
        }
        for (List<Number> v : vertices) {
            double lat = v.get(0).doubleValue();
            double lon = v.get(1).doubleValue();
            if (vertices.size() != 4 || (lat != minLat && lat != maxLat) || (lon != minLon && lon != maxLon)) {
                throw new IllegalArgumentException("the oracle reads axis-aligned boxes only: " + vertices);
            }
        }
        return new double[] {minLat, maxLat, minLon, maxLon};
    }

    @SuppressWarnings("unchecked")
    private static Shaping shaping(Map<String, Object> o) {
        if (o == null) {
            return Shaping.NONE;
        }
        Set<String> strip = new HashSet<>((List<String>) o.getOrDefault("strip", List.of()));
        double coarsen = ((Number) o.getOrDefault("coarsen", 0)).doubleValue();
        boolean drop = Boolean.TRUE.equals(o.get("dropIdentity"));
        return Shaping.of(strip, coarsen, drop, seconds(String.valueOf(o.getOrDefault("delay", "0s"))));
    }

    private static long seconds(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("delay " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> n;
            case "m" -> n * 60;
            default -> n * 3600;
        };
    }
}
