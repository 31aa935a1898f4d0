package org.kizuna.core.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.Recipient;
import org.kizuna.policy.access.DominantLabel;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.spec.SecurityPolicy;

/**
 * The label of an event that carries none: the sender's own default when its client entry has
 * one; else, when any of its IN groups has a default, the dominant label of those (a client in
 * several groups never labels below any of them); else its input's default (TLS or plain TCP).
 */
public record LabelDefaults(Map<String, LabelSet> byClient, Map<Group, LabelSet> byGroup, LabelSet tls,
                            LabelSet plain) {

    public LabelDefaults {
        byClient = Map.copyOf(byClient);
        byGroup = Map.copyOf(byGroup);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(plain, "plain");
    }

    /** One default for everything. */
    public static LabelDefaults everywhere(LabelSet label) {
        return new LabelDefaults(Map.of(), Map.of(), label, label);
    }

    /** Every configured default (not the dominant labels of several groups, made per event). */
    public List<LabelSet> all() {
        List<LabelSet> out = new ArrayList<>(byClient.values());
        out.addAll(byGroup.values());
        out.add(tls);
        out.add(plain);
        return out;
    }

    public LabelSet labelFor(Recipient sender, SecurityPolicy policy) {
        if (sender.identity().authenticated()) {
            LabelSet own = byClient.get(sender.identity().name());
            if (own != null) {
                return own;
            }
        }
        List<SecurityLabel> fromGroups = new ArrayList<>();
        LabelSet single = null;
        for (Group g : sender.groups().in()) {
            LabelSet l = byGroup.get(g);
            if (l != null) {
                fromGroups.add(l.originator());
                single = l;
            }
        }
        if (fromGroups.size() == 1) {
            return single; // the configured instance itself: the guard prepared it once
        }
        if (!fromGroups.isEmpty()) {
            return LabelSet.of(DominantLabel.of(policy, fromGroups));
        }
        return sender.identity().authenticated() ? tls : plain;
    }
}
