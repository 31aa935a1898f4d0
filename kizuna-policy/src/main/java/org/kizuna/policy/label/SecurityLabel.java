package org.kizuna.policy.label;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A STANAG 4774-style confidentiality label under one policy: the classification (a name whose
 * rank belongs to the policy, never to this class), an optional privacy mark, and categories.
 *
 * <p>Only what the access decision reads is part of the value. The label's creation time and
 * originator are those of the event it is bound to (its time and sender) and are written into
 * the 4774 XML from there; keeping them out of the value lets every event with the same marking
 * share one cached decision.
 *
 * @param privacyMark empty when absent
 */
public record SecurityLabel(String policyId, String classification, String privacyMark, List<Category> categories) {

    public SecurityLabel {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(privacyMark, "privacyMark");
        if (policyId.isBlank() || classification.isBlank()) {
            throw new IllegalArgumentException("policy and classification must not be blank");
        }
        List<Category> sorted = new ArrayList<>(categories);
        sorted.sort(Comparator.comparing(Category::tagName));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).tagName().equals(sorted.get(i - 1).tagName())) {
                throw new IllegalArgumentException("category " + sorted.get(i).tagName() + " appears twice");
            }
        }
        categories = List.copyOf(sorted);
    }

    public static SecurityLabel of(String policyId, String classification, Category... categories) {
        return new SecurityLabel(policyId, classification, "", List.of(categories));
    }

    public Optional<Category> category(String tagName) {
        for (Category c : categories) {
            if (c.tagName().equals(tagName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** This label with {@code category} added or replacing the one with its tag name. */
    public SecurityLabel with(Category category) {
        List<Category> next = new ArrayList<>();
        for (Category c : categories) {
            if (!c.tagName().equals(category.tagName())) {
                next.add(c);
            }
        }
        next.add(category);
        return new SecurityLabel(policyId, classification, privacyMark, next);
    }
}
