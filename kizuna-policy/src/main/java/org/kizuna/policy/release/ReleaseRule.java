package org.kizuna.policy.release;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kizuna.cot.CotType;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.spec.SecurityPolicy;

/**
 * One rule of a posture: which events (CoT type prefixes, an area, a label condition) going to
 * which recipients (their nations) it covers, and whether it permits them, with obligations. The
 * first matching rule of a posture decides; when none matches, the answer is deny.
 *
 * @param types          CoT type prefixes ({@code a-f}, {@code b-t-f}); empty covers every type
 * @param area           empty covers everywhere
 * @param maxClassification the rule covers labels at or below this classification of the node's
 *                       policy; empty covers any
 * @param anyValues      the rule covers labels with at least one of these values per tag; empty
 *                       covers any
 * @param nations        recipients' nations (alpha-3); empty covers every recipient
 */
public record ReleaseRule(String name, List<String> types, Optional<Area> area, String maxClassification,
                          Map<String, Set<String>> anyValues, Set<String> nations, boolean permit,
                          Obligations obligations) {

    public ReleaseRule {
        Objects.requireNonNull(name, "name");
        types = List.copyOf(types);
        types.forEach(CotType::of);
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(maxClassification, "maxClassification");
        anyValues = Map.copyOf(anyValues);
        nations = Set.copyOf(nations);
        Objects.requireNonNull(obligations, "obligations");
        if (!permit && !obligations.isNone()) {
            throw new IllegalArgumentException("rule " + name + " denies and so carries no obligations");
        }
    }

    /** The part that depends only on label and recipient: decided once and cached. */
    boolean coversLabel(SecurityPolicy policy, Optional<SecurityLabel> label, Clearance recipient) {
        if (!nations.isEmpty() && !nations.contains(recipient.nation())) {
            return false;
        }
        if (maxClassification.isEmpty() && anyValues.isEmpty()) {
            return true;
        }
        if (label.isEmpty() || policy.classification(label.get().classification()).isEmpty()) {
            return false; // a condition on the label cannot hold for a label we cannot read
        }
        SecurityLabel l = label.get();
        if (!maxClassification.isEmpty() && policy.rank(l.classification()) > policy.rank(maxClassification)) {
            return false;
        }
        for (Map.Entry<String, Set<String>> e : anyValues.entrySet()) {
            boolean any = l.category(e.getKey()).map(c -> c.values().stream().anyMatch(e.getValue()::contains)).orElse(false);
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** The part that depends on the event itself: checked per event. */
    boolean coversEvent(CotType type, double lat, double lon) {
        if (!types.isEmpty()) {
            boolean any = false;
            for (int i = 0; i < types.size() && !any; i++) {
                any = type.isA(types.get(i));
            }
            if (!any) {
                return false;
            }
        }
        return area.isEmpty() || area.get().contains(lat, lon);
    }
}
