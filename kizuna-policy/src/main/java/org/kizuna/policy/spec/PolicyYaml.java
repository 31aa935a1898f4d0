package org.kizuna.policy.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kizuna.policy.label.CategoryType;

/**
 * Reads a policy file. The caller opens the file; this class only parses.
 *
 * <pre>{@code
 * policy: JPN
 * uri: urn:oid:1.2.392.1
 * relToFirst: JPN
 * classifications:
 *   - {name: UNCLASSIFIED, rank: 0, marking: UNCLASSIFIED, portion: U}
 *   - {name: SECRET, rank: 3, marking: SECRET, portion: S}
 * categories:
 *   - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
 *   - {tag: Dissemination, type: RESTRICTIVE, values: {NOFORN: NF, ORCON: OC}}
 * equivalences:
 *   USA: {classifications: {SECRET: SECRET}, tags: {Releasable To: Releasable To}}
 * }</pre>
 */
public final class PolicyYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PolicyYaml() {
    }

    public static SecurityPolicy parse(String yaml) {
        return parse(new StringReader(yaml));
    }

    public static SecurityPolicy parse(Reader reader) {
        JsonNode root;
        try {
            root = YAML.readTree(reader);
        } catch (IOException e) {
            throw new PolicyException("policy file is not YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PolicyException("policy file: expected a mapping");
        }
        try {
            return read(root);
        } catch (IllegalArgumentException e) {
            throw new PolicyException("policy file: " + e.getMessage(), e);
        }
    }

    private static SecurityPolicy read(JsonNode root) {
        allowOnly(root, "", "policy", "uri", "relToFirst", "classifications", "categories", "equivalences");
        String id = text(root, "policy", null);
        List<Classification> classifications = new ArrayList<>();
        for (JsonNode c : list(root, "classifications")) {
            allowOnly(c, "classifications[]", "name", "rank", "marking", "portion");
            String name = text(c, "name", null);
            if (!c.path("rank").isIntegralNumber()) {
                throw new PolicyException("classifications." + name + ".rank: expected a whole number");
            }
            classifications.add(new Classification(name, c.get("rank").intValue(), text(c, "marking", name),
                    text(c, "portion", name.substring(0, 1))));
        }
        Map<String, CategoryTag> tags = new LinkedHashMap<>();
        for (JsonNode t : list(root, "categories")) {
            CategoryTag tag = tag(t);
            if (tags.put(tag.name(), tag) != null) {
                throw new PolicyException("categories: tag " + tag.name() + " defined twice");
            }
        }
        Map<String, Equivalence> equivalences = new HashMap<>();
        JsonNode eq = root.path("equivalences");
        for (Iterator<String> it = eq.fieldNames(); it.hasNext(); ) {
            String partner = it.next();
            JsonNode e = eq.get(partner);
            allowOnly(e, "equivalences." + partner, "classifications", "tags");
            equivalences.put(partner, new Equivalence(partner, stringMap(e.path("classifications")), stringMap(e.path("tags"))));
        }
        return new SecurityPolicy(id, text(root, "uri", ""), text(root, "relToFirst", "USA"), classifications, tags,
                equivalences);
    }

    private static CategoryTag tag(JsonNode t) {
        allowOnly(t, "categories[]", "tag", "type", "marking", "countries", "values");
        String name = text(t, "tag", null);
        CategoryType type;
        try {
            type = CategoryType.valueOf(text(t, "type", null).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PolicyException("categories." + name + ".type: expected RESTRICTIVE, PERMISSIVE or INFORMATIVE");
        }
        JsonNode values = t.path("values");
        Map<String, String> byValue = new LinkedHashMap<>();
        if (values.isArray()) {
            values.forEach(v -> byValue.put(v.asText(), ""));
        } else {
            byValue.putAll(stringMap(values));
        }
        return new CategoryTag(name, type, text(t, "marking", ""), t.path("countries").asBoolean(false), byValue);
    }

    private static List<JsonNode> list(JsonNode node, String key) {
        JsonNode v = node.path(key);
        if (!v.isArray()) {
            throw new PolicyException(key + ": expected a list");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new PolicyException(key + ": required");
            }
            return fallback;
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw new PolicyException(key + ": expected non-empty text");
        }
        return v.asText();
    }

    private static void allowOnly(JsonNode node, String path, String... keys) {
        List<String> ok = List.of(keys);
        node.fieldNames().forEachRemaining(k -> {
            if (!ok.contains(k)) {
                throw new PolicyException((path.isEmpty() ? "" : path + ".") + k + ": unknown setting (known: "
                        + String.join(", ", keys) + ")");
            }
        });
    }
}
