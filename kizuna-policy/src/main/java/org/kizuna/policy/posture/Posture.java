package org.kizuna.policy.posture;

import java.util.Objects;

/**
 * A nation's posture: an open vocabulary (a node may define its own), with the four every node
 * knows as constants. The release rules are chosen by posture name.
 */
public record Posture(String name) {

    public static final Posture PEACETIME = new Posture("PEACETIME");
    public static final Posture GRAY_ZONE = new Posture("GRAY_ZONE");
    public static final Posture CONTINGENCY = new Posture("CONTINGENCY");
    public static final Posture HADR = new Posture("HADR");

    public Posture {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Z][A-Z0-9_]{0,31}")) {
            throw new IllegalArgumentException("posture names are capitals, digits and '_' (at most 32): " + name);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
