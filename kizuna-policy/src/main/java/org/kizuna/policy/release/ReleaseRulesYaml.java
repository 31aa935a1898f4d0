package org.kizuna.policy.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kizuna.policy.spec.PolicyException;

/**
 * Reads the release rules of each posture. The caller opens the file.
 *
 * <pre>{@code
 * PEACETIME:
 *   - name: friendly-positions-to-partners
 *     types: [a-f]
 *     maxClassification: SECRET
 *     obligations: {coarsen: 1000, strip: [remarks], dropIdentity: false, delay: 0m}
 *   - name: everything-else-at-home
 *     nations: [JPN]
 * CONTINGENCY:
 *   - {name: no-chat, types: [b-t-f], permit: false}
 *   - {name: all, area: [[30, 128], [30, 146], [46, 146], [46, 128]]}
 * }</pre>
 */
public final class ReleaseRulesYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ReleaseRulesYaml() {
    }

    public static ReleasePolicy parse(String yaml) {
        return parse(new StringReader(yaml));
    }

    public static ReleasePolicy parse(Reader reader) {
        JsonNode root;
        try {
            root = YAML.readTree(reader);
        } catch (IOException e) {
            throw new PolicyException("release rules are not YAML: " + e.getMessage(), e);
        }
        Map<String, List<ReleaseRule>> byPosture = new LinkedHashMap<>();
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new ReleasePolicy(byPosture);
        }
        if (!root.isObject()) {
            throw new PolicyException("release rules: expected a mapping of posture names to rule lists");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String posture = it.next();
            JsonNode rules = root.get(posture);
            if (!rules.isArray()) {
                throw new PolicyException(posture + ": expected a list of rules");
            }
            List<ReleaseRule> list = new ArrayList<>();
            for (JsonNode r : rules) {
                try {
                    list.add(rule(posture, r));
                } catch (IllegalArgumentException e) {
                    throw new PolicyException(posture + "." + r.path("name").asText("?") + ": " + e.getMessage(), e);
                }
            }
            byPosture.put(posture, list);
        }
        return new ReleasePolicy(byPosture);
    }

    private static ReleaseRule rule(String posture, JsonNode r) {
        allowOnly(r, posture, "name", "types", "area", "maxClassification", "anyValues", "nations", "permit", "obligations");
        String name = r.path("name").asText("");
        if (name.isBlank()) {
            throw new PolicyException(posture + ": every rule needs a name");
        }
        Map<String, Set<String>> anyValues = new HashMap<>();
        r.path("anyValues").properties().forEach(e -> anyValues.put(e.getKey(), strings(e.getValue())));
        return new ReleaseRule(name, List.copyOf(strings(r.path("types"))), area(r.path("area")),
                r.path("maxClassification").asText(""), anyValues, strings(r.path("nations")),
                r.path("permit").asBoolean(true), obligations(posture + "." + name, r.path("obligations")));
    }

    private static Optional<Area> area(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        List<double[]> vertices = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()) {
                throw new IllegalArgumentException("area: expected a list of [lat, lon] pairs");
            }
            vertices.add(new double[] {v.get(0).doubleValue(), v.get(1).doubleValue()});
        }
        return Optional.of(new Area(vertices));
    }

    private static Obligations obligations(String path, JsonNode o) {
        if (o.isMissingNode() || o.isNull()) {
            return Obligations.NONE;
        }
        allowOnly(o, path + ".obligations", "strip", "coarsen", "dropIdentity", "delay");
        return new Obligations(strings(o.path("strip")), o.path("coarsen").asDouble(0),
                o.path("dropIdentity").asBoolean(false), duration(path, o.path("delay").asText("0m")));
    }

    private static Duration duration(String path, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(s|m|h)").matcher(text.trim());
        if (!m.matches()) {
            throw new PolicyException(path + ".obligations.delay: expected a duration like 30s, 5m or 1h, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static Set<String> strings(JsonNode node) {
        Set<String> out = new LinkedHashSet<>();
        if (node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            throw new IllegalArgumentException("expected a list, got " + node);
        }
        return out;
    }

    private static void allowOnly(JsonNode node, String path, String... keys) {
        List<String> ok = List.of(keys);
        node.fieldNames().forEachRemaining(k -> {
            if (!ok.contains(k)) {
                throw new PolicyException(path + "." + k + ": unknown setting (known: " + String.join(", ", keys) + ")");
            }
        });
    }
}
