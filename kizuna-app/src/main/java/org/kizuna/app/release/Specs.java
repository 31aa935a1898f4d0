package org.kizuna.app.release;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kizuna.app.config.ClearanceSpec;
import org.kizuna.app.config.ConfigException;
import org.kizuna.app.config.LabelSpec;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.spec.CategoryTag;
import org.kizuna.policy.spec.SecurityPolicy;

/** Turns labels and clearances written in {@code kizuna.yaml} into values under the node's policy. */
final class Specs {

    private final SecurityPolicy policy;

    Specs(SecurityPolicy policy) {
        this.policy = policy;
    }

    SecurityLabel label(String key, LabelSpec spec) {
        List<Category> categories = new ArrayList<>();
        spec.categories().forEach((tag, values) -> categories.add(Category.of(tag, tag(key, tag).type(), values)));
        SecurityLabel label = new SecurityLabel(policy.id(), spec.classification(), "", categories);
        List<String> problems = policy.problems(label);
        if (!problems.isEmpty()) {
            throw new ConfigException(key + ": " + String.join("; ", problems));
        }
        return label;
    }

    Clearance clearance(String key, ClearanceSpec spec) {
        Set<String> classes = new LinkedHashSet<>(spec.classifications());
        if (!spec.upTo().isEmpty()) {
            if (policy.classification(spec.upTo()).isEmpty()) {
                throw new ConfigException(key + ".upTo: policy " + policy.id() + " has no classification " + spec.upTo());
            }
            classes.addAll(policy.classificationsUpTo(spec.upTo()));
        }
        for (String c : classes) {
            if (policy.classification(c).isEmpty()) {
                throw new ConfigException(key + ".classifications: policy " + policy.id() + " has no classification " + c);
            }
        }
        spec.categories().keySet().forEach(tag -> tag(key, tag));
        return new Clearance(policy.id(), spec.nation(), classes, Map.copyOf(toSets(spec.categories())));
    }

    private CategoryTag tag(String key, String tag) {
        CategoryTag t = policy.tags().get(tag);
        if (t == null) {
            throw new ConfigException(key + ".categories: policy " + policy.id() + " has no category " + tag);
        }
        return t;
    }

    private static Map<String, Set<String>> toSets(Map<String, List<String>> m) {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        m.forEach((k, v) -> out.put(k, Set.copyOf(v)));
        return out;
    }
}
