package org.kizuna.policy.spec;

import java.util.Map;
import java.util.Objects;

/**
 * How labels of one policy translate into a partner's policy (a SPIF {@code equivalentPolicies}
 * entry, in practice the classification table of a GSOMIA). A classification, tag or value with
 * no entry has no equivalent: a label that uses it cannot be translated, and is then denied.
 *
 * @param classifications ours → theirs
 * @param tags            our tag name → theirs; values carry over unchanged (country codes are shared)
 */
public record Equivalence(String policyId, Map<String, String> classifications, Map<String, String> tags) {

    public Equivalence {
        Objects.requireNonNull(policyId, "policyId");
        classifications = Map.copyOf(classifications);
        tags = Map.copyOf(tags);
    }
}
