package org.kizuna.policy.spec;

import java.util.ArrayList;
import java.util.List;
import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.CategoryType;
import org.kizuna.policy.label.SecurityLabel;

/**
 * Banner and portion markings of a label, rendered from its policy:
 * {@code SECRET//NOFORN//REL TO USA, AUS, JPN} and {@code (S//NF//REL TO USA, AUS, JPN)}.
 *
 * <p>Order: classification, then restrictive values (each its own marking, joined by {@code /}),
 * then permissive categories (a list marking such as REL TO, or the values). Informative
 * categories are administrative notes and are not part of a marking.
 */
public final class Markings {

    private final SecurityPolicy policy;

    public Markings(SecurityPolicy policy) {
        this.policy = policy;
    }

    /** The banner (top and bottom of a page or a map). */
    public String banner(SecurityLabel label) {
        return render(label, false);
    }

    /** The portion mark, in parentheses, for one field or paragraph. */
    public String portion(SecurityLabel label) {
        return "(" + render(label, true) + ")";
    }

    private String render(SecurityLabel label, boolean portion) {
        policy.validate(label);
        Classification c = policy.classification(label.classification()).orElseThrow();
        List<String> parts = new ArrayList<>();
        parts.add(portion ? c.portion() : c.marking());
        for (CategoryType type : new CategoryType[] {CategoryType.RESTRICTIVE, CategoryType.PERMISSIVE}) {
            for (Category cat : label.categories()) {
                if (cat.type() == type) {
                    parts.add(categoryMarking(cat, policy.tags().get(cat.tagName()), portion));
                }
            }
        }
        return String.join("//", parts);
    }

    private String categoryMarking(Category cat, CategoryTag tag, boolean portion) {
        List<String> values = tag.countries()
                ? RelToOrder.sort(cat.values(), policy.relToFirst())
                : new ArrayList<>(cat.values());
        if (portion && !tag.countries()) {
            values.replaceAll(tag::portionOf); // country lists read the same in banners and portions
        }
        if (tag.marking().isEmpty()) {
            return String.join("/", values);
        }
        return tag.marking() + " " + String.join(", ", values);
    }
}
