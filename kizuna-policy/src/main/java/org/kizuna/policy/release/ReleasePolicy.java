package org.kizuna.policy.release;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The release rules of every posture, by posture name. A posture with no entry has no rule, so
 * under it everything is denied.
 */
public record ReleasePolicy(Map<String, List<ReleaseRule>> rulesByPosture) {

    public ReleasePolicy {
        TreeMap<String, List<ReleaseRule>> copy = new TreeMap<>();
        rulesByPosture.forEach((posture, rules) -> copy.put(posture, List.copyOf(rules)));
        rulesByPosture = java.util.Collections.unmodifiableMap(copy);
    }

    public List<ReleaseRule> rules(String posture) {
        return rulesByPosture.getOrDefault(posture, List.of());
    }
}
