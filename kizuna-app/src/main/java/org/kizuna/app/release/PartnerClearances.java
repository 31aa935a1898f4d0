package org.kizuna.app.release;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kizuna.app.config.AccreditationSpec;
import org.kizuna.app.config.ConfigException;
import org.kizuna.federation.Partner;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.spec.Equivalence;
import org.kizuna.policy.spec.SecurityPolicy;

/**
 * Each partner's clearance, from its accreditation ({@code federation.partners.ID.accreditation}
 * names an entry of {@code policy.accreditations}). The entry is written in this node's policy
 * terms and checked like a client's clearance; when the policy has an equivalence to the
 * partner's policy, the clearance is translated into it, so the decision reads each label as the
 * partner will (its alternative under that policy, or the equivalence): a label with no mapping is
 * then denied (reference §7.2). Classifications and tags without an equivalent are left out of
 * the translated clearance: a label that uses them cannot be translated anyway.
 */
final class PartnerClearances {

    private PartnerClearances() {
    }

    /** Clearances by partner node id; a partner whose accreditation is not defined stops the node. */
    static Map<String, Clearance> of(List<Partner> partners, Map<String, AccreditationSpec> accreditations,
                                     SecurityPolicy policy) {
        Specs specs = new Specs(policy);
        Map<String, Clearance> out = new HashMap<>();
        for (Partner p : partners) {
            AccreditationSpec spec = accreditations.get(p.accreditation());
            if (spec == null) {
                throw new ConfigException("federation.partners." + p.nodeId() + ".accreditation: '" + p.accreditation()
                        + "' is not defined under policy.accreditations (with labels on, every partner needs one)");
            }
            String key = "policy.accreditations." + p.accreditation();
            Clearance written = specs.clearance(key, spec.clearance());
            if (!written.nation().isEmpty() && !written.nation().equals(p.nation())) {
                throw new ConfigException(key + ".nation: " + written.nation() + " is not partner " + p.nodeId()
                        + "'s nation " + p.nation());
            }
            // The nation decides which release rules apply (their 'nations'): it is the partner's.
            Clearance ours = new Clearance(written.policyId(), p.nation(), written.classifications(),
                    written.categories());
            String partnerPolicy = spec.policy().isEmpty() ? p.nation() : spec.policy();
            Optional<Equivalence> eq = policy.id().equals(partnerPolicy) ? Optional.empty()
                    : policy.equivalenceTo(partnerPolicy);
            out.put(p.nodeId(), eq.map(e -> translate(ours, e)).orElse(ours));
        }
        return out;
    }

    /** {@code clearance} under the equivalence's policy: what has an equivalent, nothing more. */
    static Clearance translate(Clearance clearance, Equivalence eq) {
        Set<String> classes = new LinkedHashSet<>();
        for (String c : clearance.classifications()) {
            String theirs = eq.classifications().get(c);
            if (theirs != null) {
                classes.add(theirs);
            }
        }
        Map<String, Set<String>> categories = new HashMap<>();
        clearance.categories().forEach((tag, values) -> {
            String theirs = eq.tags().get(tag);
            if (theirs != null) {
                categories.computeIfAbsent(theirs, t -> new LinkedHashSet<>()).addAll(values);
            }
        });
        return new Clearance(eq.policyId(), clearance.nation(), classes, categories);
    }
}
