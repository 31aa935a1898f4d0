package org.kizuna.policy.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.spec.Equivalence;

/**
 * Translates a label into a partner's policy through an {@link Equivalence}. Fails (empty) when
 * the classification or any restrictive or permissive tag has no equivalent: a partial
 * translation could drop a caveat and release more than the originator allowed. Informative tags
 * without an equivalent are left out, since they never affect access.
 */
public final class LabelTranslator {

    private LabelTranslator() {
    }

    public static Optional<SecurityLabel> translate(SecurityLabel label, Equivalence to) {
        String classification = to.classifications().get(label.classification());
        if (classification == null) {
            return Optional.empty();
        }
        List<Category> categories = new ArrayList<>();
        for (Category c : label.categories()) {
            String tag = to.tags().get(c.tagName());
            if (tag == null) {
                if (c.type() == CategoryType.INFORMATIVE) {
                    continue;
                }
                return Optional.empty();
            }
            categories.add(new Category(tag, c.type(), c.values()));
        }
        return Optional.of(new SecurityLabel(to.policyId(), classification, label.privacyMark(), categories));
    }
}
