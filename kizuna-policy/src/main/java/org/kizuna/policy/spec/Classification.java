package org.kizuna.policy.spec;

import java.util.Objects;

/**
 * One classification of a policy: its name (what labels carry), its rank (the policy's order,
 * never hard-coded elsewhere), the banner marking and the portion abbreviation.
 */
public record Classification(String name, int rank, String marking, String portion) {

    public Classification {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(marking, "marking");
        Objects.requireNonNull(portion, "portion");
        if (name.isBlank() || marking.isBlank() || portion.isBlank()) {
            throw new IllegalArgumentException("classification name, marking and portion must not be blank");
        }
    }
}
