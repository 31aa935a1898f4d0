package org.kizuna.core.leaks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The policy file as the oracle reads it: Jackson turns the YAML text into plain maps and this
 * keeps only what the access rules of STANAG 4774 need (classification ranks, each category
 * tag's type). It never calls the policy module's parser.
 */
final class OraclePolicy {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    enum TagType { RESTRICTIVE, PERMISSIVE, INFORMATIVE }

    private final String id;
    private final Map<String, Integer> ranks = new HashMap<>();
    private final Map<String, TagType> tagTypes = new HashMap<>();
    private String relToTag;

    @SuppressWarnings("unchecked")
    private OraclePolicy(Map<String, Object> root) {
        id = (String) root.get("policy");
        for (Object c : (List<Object>) root.get("classifications")) {
            Map<String, Object> m = (Map<String, Object>) c;
            ranks.put((String) m.get("name"), ((Number) m.get("rank")).intValue());
        }
        for (Object t : (List<Object>) root.get("categories")) {
            Map<String, Object> m = (Map<String, Object>) t;
            TagType type = TagType.valueOf(((String) m.get("type")).toUpperCase(Locale.ROOT));
            tagTypes.put((String) m.get("tag"), type);
            if (relToTag == null && type == TagType.PERMISSIVE && Boolean.TRUE.equals(m.get("countries"))) {
                relToTag = (String) m.get("tag");
            }
        }
    }

    @SuppressWarnings("unchecked")
    static OraclePolicy parse(String yaml) {
        try {
            return new OraclePolicy(YAML.readValue(yaml, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String id() {
        return id;
    }

    /** The rank of a classification; null when the policy has no such classification. */
    Integer rank(String classification) {
        return ranks.get(classification);
    }

    /** The permissive tag whose values are nations ("Releasable To"); null when there is none. */
    String relToTag() {
        return relToTag;
    }

    /** The type of a category tag; null when the policy does not define it. */
    TagType typeOf(String tag) {
        return tagTypes.get(tag);
    }
}
