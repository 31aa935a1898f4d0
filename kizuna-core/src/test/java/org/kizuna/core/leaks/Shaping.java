package org.kizuna.core.leaks;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a permit obliges, as the oracle reads it from the rules text: detail elements stripped,
 * the grid a position is snapped to (metres, 0 exact), identity dropped, and the delay.
 */
record Shaping(SortedSet<String> strip, double coarsenMetres, boolean dropIdentity, long delaySeconds) {

    static final Shaping NONE = new Shaping(new TreeSet<>(), 0, false, 0);

    Shaping {
        strip = new TreeSet<>(strip);
    }

    /** A copy shaped by this reveals no more than one shaped by {@code other} (delays aside). */
    boolean atLeastAsStrictAs(Shaping other) {
        return strip.containsAll(other.strip) && coarsenMetres >= other.coarsenMetres
                && (dropIdentity || !other.dropIdentity);
    }

    /** The same shaping without its delay: what the copy's bytes depend on. */
    Shaping bytesOnly() {
        return new Shaping(strip, coarsenMetres, dropIdentity, 0);
    }

    static Shaping of(Set<String> strip, double coarsen, boolean dropIdentity, long delaySeconds) {
        return new Shaping(new TreeSet<>(strip), coarsen, dropIdentity, delaySeconds);
    }

    @Override
    public String toString() {
        if (strip.isEmpty() && coarsenMetres == 0 && !dropIdentity && delaySeconds == 0) {
            return "unshaped";
        }
        return "strip=" + strip + " coarsen=" + coarsenMetres + " dropIdentity=" + dropIdentity
                + " delay=" + delaySeconds + "s";
    }
}
