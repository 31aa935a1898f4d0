package org.kizuna.cot;

import java.util.Objects;

/**
 * A CoT event type such as {@code a-f-G-U-C}: an open vocabulary, so a record with well-known
 * constants rather than a closed enum. Dash-separated atoms; the first atom is the family
 * ({@code a} atoms, {@code b} bits, {@code t} tasking, {@code u} drawings), for atoms the second is
 * the affiliation and the third the battle dimension.
 */
public record CotType(String value) {

    public static final CotType PING = new CotType("t-x-c-t");
    public static final CotType PONG = new CotType("t-x-c-t-r");
    public static final CotType DELETE = new CotType("t-x-d-d");
    /** Group ("channel") change: a notice from the server, or a client's choice of active groups. */
    public static final CotType GROUP_CHANGE = new CotType("t-x-g-c");
    public static final CotType PROTOCOL_OFFER = new CotType("t-x-takp-v");
    public static final CotType PROTOCOL_REQUEST = new CotType("t-x-takp-q");
    public static final CotType PROTOCOL_RESPONSE = new CotType("t-x-takp-r");
    public static final CotType GEOCHAT = new CotType("b-t-f");
    public static final CotType EMERGENCY_911 = new CotType("b-a-o-tbl");

    /** Longest type we accept; real types are a few dozen characters. */
    public static final int MAX_LENGTH = 128;

    public CotType {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("CoT type must be 1.." + MAX_LENGTH + " characters: '" + value + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '&' || c == '"' || c == '\'') {
                throw new IllegalArgumentException("CoT type contains a forbidden character: '" + value + "'");
            }
        }
    }

    public static CotType of(String value) {
        return new CotType(value);
    }

    /** True when this type is {@code prefix} itself or a subtype of it ({@code prefix-...}). */
    public boolean isA(String prefix) {
        return value.equals(prefix) || (value.startsWith(prefix) && value.charAt(prefix.length()) == '-');
    }

    public boolean isA(CotType prefix) {
        return isA(prefix.value);
    }

    /**
     * {@link #isA(String)} ignoring case: for refusals ({@code T-k-x} is tasking to a client that
     * compares types loosely, so a deny list must not be fooled by case).
     */
    public boolean isAIgnoringCase(String prefix) {
        int n = prefix.length();
        return value.regionMatches(true, 0, prefix, 0, n) && (value.length() == n || value.charAt(n) == '-');
    }

    /** Atoms: {@code a-...}, positions of units, platforms and contacts. */
    public boolean isAtom() {
        return isA("a");
    }

    public boolean isGeoChat() {
        return isA(GEOCHAT);
    }

    /** The affiliation letter of an atom type ({@code f}, {@code h}, {@code n}, {@code u}, ...), or 0. */
    public char affiliation() {
        return isAtom() && value.length() >= 3 ? value.charAt(2) : 0;
    }

    @Override
    public String toString() {
        return value;
    }
}
