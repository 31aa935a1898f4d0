package org.kizuna.policy.label;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What every stored and shared object carries: the originator's label and equivalent labels
 * under partner policies (ADatP-4774.1: the originator label is never overwritten; equivalents
 * go beside it).
 *
 * @param alternatives by policy id; never one for the originator's own policy
 */
public record LabelSet(SecurityLabel originator, Map<String, SecurityLabel> alternatives) {

    public LabelSet {
        Objects.requireNonNull(originator, "originator");
        TreeMap<String, SecurityLabel> copy = new TreeMap<>();
        alternatives.forEach((policy, label) -> {
            if (!policy.equals(label.policyId())) {
                throw new IllegalArgumentException("alternative under " + policy + " is a " + label.policyId() + " label");
            }
            if (policy.equals(originator.policyId())) {
                throw new IllegalArgumentException("an alternative must not replace the originator label (" + policy + ")");
            }
            copy.put(policy, label);
        });
        alternatives = java.util.Collections.unmodifiableMap(copy);
    }

    public static LabelSet of(SecurityLabel originator) {
        return new LabelSet(originator, Map.of());
    }

    /** This set with {@code alternative} added or replaced; refuses to touch the originator label. */
    public LabelSet withAlternative(SecurityLabel alternative) {
        TreeMap<String, SecurityLabel> next = new TreeMap<>(alternatives);
        next.put(alternative.policyId(), alternative);
        return new LabelSet(originator, next);
    }

    /** The label to use under {@code policyId}: the originator's when it is that policy, else the alternative. */
    public Optional<SecurityLabel> forPolicy(String policyId) {
        if (originator.policyId().equals(policyId)) {
            return Optional.of(originator);
        }
        return Optional.ofNullable(alternatives.get(policyId));
    }
}
