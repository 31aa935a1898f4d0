package org.kizuna.core.leaks;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The oracle: written from the access rules of STANAG 4774 (reference §1.3) and the release rules
 * file's documented meaning, never from the code it checks. It calls nothing of
 * {@code AccessDecision}, {@code AccessControl}, {@code ReleaseGuard}, {@code DominantLabel},
 * {@code ObligationApplier} or {@code EventLabels}.
 *
 * <p>May a holder hold a label: it holds the classification; every value of every restrictive
 * tag; at least one value of every permissive tag; informative tags are ignored; a tag or
 * classification the policy does not define is never held. May it be released under a posture:
 * the first rule of the posture covering (recipient's nation, label's rank, label values, CoT
 * type prefix, area) decides, permit with its shaping or deny; no rule covers it, deny.
 */
final class Oracle {

    private final OraclePolicy policy;
    private final OracleRules rules;

    Oracle(OraclePolicy policy, OracleRules rules) {
        this.policy = policy;
        this.rules = rules;
    }

    OraclePolicy policy() {
        return policy;
    }

    boolean mayHold(OracleLabel label, OracleClearance clearance) {
        if (policy.rank(label.classification()) == null || !clearance.classifications().contains(label.classification())) {
            return false;
        }
        for (Map.Entry<String, SortedSet<String>> tag : label.values().entrySet()) {
            OraclePolicy.TagType type = policy.typeOf(tag.getKey());
            if (type == null) {
                return false;
            }
            switch (type) {
                case RESTRICTIVE -> {
                    if (!tag.getValue().stream().allMatch(v -> clearance.holds(tag.getKey(), v))) {
                        return false;
                    }
                }
                case PERMISSIVE -> {
                    if (tag.getValue().stream().noneMatch(v -> clearance.holds(tag.getKey(), v))) {
                        return false;
                    }
                }
                case INFORMATIVE -> {
                }
            }
        }
        return true;
    }

    /** The shaping a permitted release takes; empty when the holder may not have it. */
    Optional<Shaping> decide(OracleLabel label, OracleClearance clearance, String posture, String type, double lat,
                             double lon) {
        if (!mayHold(label, clearance)) {
            return Optional.empty();
        }
        for (OracleRules.Rule r : rules.of(posture)) {
            if (covers(r, label, clearance, type, lat, lon)) {
                return r.permit() ? Optional.of(r.shaping()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The name of the rule that decides, for counterexamples. */
    String decidingRule(OracleLabel label, OracleClearance clearance, String posture, String type, double lat,
                        double lon) {
        if (!mayHold(label, clearance)) {
            return "clearance does not dominate the label";
        }
        for (OracleRules.Rule r : rules.of(posture)) {
            if (covers(r, label, clearance, type, lat, lon)) {
                return "rule " + r.name() + (r.permit() ? " permits " + r.shaping() : " denies");
            }
        }
        return "no rule of " + posture + " covers it";
    }

    private boolean covers(OracleRules.Rule r, OracleLabel label, OracleClearance clearance, String type, double lat,
                           double lon) {
        if (!r.nations().isEmpty() && !r.nations().contains(clearance.nation())) {
            return false;
        }
        if (!r.maxClassification().isEmpty()
                && policy.rank(label.classification()) > policy.rank(r.maxClassification())) {
            return false;
        }
        for (Map.Entry<String, Set<String>> any : r.anyValues().entrySet()) {
            SortedSet<String> values = label.valuesOf(any.getKey());
            if (values == null || values.stream().noneMatch(any.getValue()::contains)) {
                return false;
            }
        }
        if (!r.types().isEmpty() && r.types().stream().noneMatch(p -> type.equals(p) || type.startsWith(p + "-"))) {
            return false;
        }
        double[] b = r.box();
        return b == null || (lat > b[0] && lat < b[1] && lon > b[2] && lon < b[3]);
    }

    /**
     * The label of something its sender wrote into several groups with defaults: the highest
     * classification; restrictive and informative values united; permissive values intersected
     * over the labels that carry the tag (the tag stays, so the result dominates every input).
     */
    OracleLabel dominant(Collection<OracleLabel> labels) {
        String top = null;
        SortedMap<String, SortedSet<String>> merged = new TreeMap<>();
        for (OracleLabel l : labels) {
            if (top == null || policy.rank(l.classification()) > policy.rank(top)) {
                top = l.classification();
            }
            l.values().forEach((tag, values) -> merged.merge(tag, new TreeSet<>(values), (a, b) -> {
                TreeSet<String> out = new TreeSet<>(a);
                if (policy.typeOf(tag) == OraclePolicy.TagType.PERMISSIVE) {
                    out.retainAll(b);
                } else {
                    out.addAll(b);
                }
                return out;
            }));
        }
        return new OracleLabel(top, merged);
    }

    /** {@code label} limited to {@code nation} when it names no releasability (the ORIGINATOR_ONLY reading). */
    OracleLabel originatorOnly(OracleLabel label, String nation) {
        if (policy.relToTag() == null || label.valuesOf(policy.relToTag()) != null) {
            return label;
        }
        SortedMap<String, SortedSet<String>> v = new TreeMap<>(label.values());
        v.put(policy.relToTag(), new TreeSet<>(List.of(nation)));
        return new OracleLabel(label.classification(), v);
    }

    boolean namesReleasability(OracleLabel label) {
        return policy.relToTag() == null || label.valuesOf(policy.relToTag()) != null;
    }
}
