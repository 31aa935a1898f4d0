package org.kizuna.app.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A label as written in {@code kizuna.yaml}: {@code {classification: SECRET, categories:
 * {Releasable To: [USA, JPN]}}}. Category types come from the policy file when the node starts.
 */
public record LabelSpec(String classification, Map<String, List<String>> categories) {

    public LabelSpec {
        Objects.requireNonNull(classification, "classification");
        categories = Map.copyOf(categories);
    }
}
