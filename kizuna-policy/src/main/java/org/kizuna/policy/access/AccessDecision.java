package org.kizuna.policy.access;

import org.kizuna.policy.label.Category;
import org.kizuna.policy.label.SecurityLabel;

/**
 * The access-control decision function of reference §1.3, for a label and a clearance under the
 * same policy. Access is granted when the clearance holds the classification, every value of
 * every restrictive category, and at least one value of each permissive category; informative
 * categories are ignored. Anything under another policy is denied here: translation happens
 * first ({@link AccessControl}).
 */
public final class AccessDecision {

    private AccessDecision() {
    }

    public static boolean permits(Clearance clearance, SecurityLabel label) {
        if (!clearance.policyId().equals(label.policyId())
                || !clearance.classifications().contains(label.classification())) {
            return false;
        }
        for (Category c : label.categories()) {
            switch (c.type()) {
                case RESTRICTIVE -> {
                    for (String v : c.values()) {
                        if (!clearance.holds(c.tagName(), v)) {
                            return false;
                        }
                    }
                }
                case PERMISSIVE -> {
                    if (!holdsAny(clearance, c)) {
                        return false;
                    }
                }
                case INFORMATIVE -> {
                    // never affects access
                }
            }
        }
        return true;
    }

    private static boolean holdsAny(Clearance clearance, Category c) {
        for (String v : c.values()) {
            if (clearance.holds(c.tagName(), v)) {
                return true;
            }
        }
        return false;
    }
}
