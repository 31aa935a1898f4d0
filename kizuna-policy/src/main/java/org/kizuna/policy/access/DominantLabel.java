package org.kizuna.policy.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.spec.SecurityPolicy;

/**
 * The label of anything built from several labelled inputs (a fused track, an aggregate
 * picture), after ADatP-4774.1 §4.4: the highest classification by the policy's rank; restrictive
 * and informative values united; permissive values intersected.
 *
 * <p>One deliberate difference: 4774.1 lets a permissive tag that is missing from some input drop
 * out. Under the decision of §1.3 that would let a clearance read the aggregate that cannot read
 * one of its parts (an input with {@code REL TO USA} and one without the tag would aggregate to no
 * releasability limit at all). Here the tag stays, with the intersection of the inputs that carry
 * it, so the result always dominates every input. An empty intersection admits nobody.
 */
public final class DominantLabel {

    private DominantLabel() {
    }

    public static SecurityLabel of(SecurityPolicy policy, Collection<SecurityLabel> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no label to aggregate");
        }
        String classification = null;
        Map<String, Category> merged = new LinkedHashMap<>();
        for (SecurityLabel l : labels) {
            policy.validate(l);
            if (classification == null || policy.rank(l.classification()) > policy.rank(classification)) {
                classification = l.classification();
            }
            for (Category c : l.categories()) {
                merged.merge(c.tagName(), c, DominantLabel::combine);
            }
        }
        List<Category> categories = new ArrayList<>(merged.values());
        return new SecurityLabel(policy.id(), classification, "", categories);
    }

    private static Category combine(Category a, Category b) {
        TreeSet<String> values = new TreeSet<>(a.values());
        if (a.type() == CategoryType.PERMISSIVE) {
            values.retainAll(b.values());
        } else {
            values.addAll(b.values());
        }
        return new Category(a.tagName(), a.type(), values);
    }
}
