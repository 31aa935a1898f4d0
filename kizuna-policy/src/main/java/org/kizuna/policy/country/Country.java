package org.kizuna.policy.country;

import java.util.Objects;

/**
 * One country as every part of Kizuna names it: ISO 3166-1 alpha-3 (labels, REL TO lists),
 * numeric (the MIL-STD-2525E country field) and its English short name.
 *
 * @param numeric 0..999, written with three digits ({@link #numericCode()})
 */
public record Country(String alpha3, int numeric, String name) {

    public Country {
        Objects.requireNonNull(alpha3, "alpha3");
        Objects.requireNonNull(name, "name");
        if (!alpha3.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("alpha-3 code must be three capital letters: " + alpha3);
        }
        if (numeric < 0 || numeric > 999) {
            throw new IllegalArgumentException("numeric code out of range: " + numeric);
        }
    }

    /** The numeric code as ISO writes it and 2525E encodes it: {@code 036} for Australia. */
    public String numericCode() {
        return String.format("%03d", numeric);
    }
}
