package org.kizuna.policy.access;

import java.util.Map;
import java.util.Optional;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.spec.SecurityPolicy;

/**
 * The static access decision for a label set and a clearance that may work under another policy
 * (reference §7.2 decision 1): use the label under the clearance's policy (the originator label,
 * or the alternative for that policy), else translate the originator label through its policy's
 * equivalence; with no mapping, deny.
 */
public final class AccessControl {

    private final Map<String, SecurityPolicy> policies;

    /** {@code policies}: the node's own policy and every partner policy it knows, by id. */
    public AccessControl(Map<String, SecurityPolicy> policies) {
        this.policies = Map.copyOf(policies);
    }

    public boolean permits(Clearance clearance, LabelSet labels) {
        return labelFor(labels, clearance.policyId()).map(l -> AccessDecision.permits(clearance, l)).orElse(false);
    }

    /** The label that applies under {@code policyId}, if there is one or a translation exists. */
    public Optional<SecurityLabel> labelFor(LabelSet labels, String policyId) {
        Optional<SecurityLabel> direct = labels.forPolicy(policyId);
        if (direct.isPresent()) {
            return direct;
        }
        SecurityPolicy origin = policies.get(labels.originator().policyId());
        if (origin == null) {
            return Optional.empty();
        }
        return origin.equivalenceTo(policyId).flatMap(eq -> LabelTranslator.translate(labels.originator(), eq));
    }
}
