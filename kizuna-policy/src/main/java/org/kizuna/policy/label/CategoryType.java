package org.kizuna.policy.label;

/**
 * How a category takes part in the access decision (STANAG 4774 {@code Category/@Type}).
 * A closed set: the standard defines exactly these three.
 */
public enum CategoryType {
    /** The clearance must hold every value (national-only caveats, codewords). */
    RESTRICTIVE,
    /** The clearance must hold at least one value ("Releasable To"). */
    PERMISSIVE,
    /** Never affects access (administrative notes). */
    INFORMATIVE
}
