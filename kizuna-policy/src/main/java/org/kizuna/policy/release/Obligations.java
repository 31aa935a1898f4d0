package org.kizuna.policy.release;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.kizuna.cot.DetailElement;
import org.kizuna.policy.cot.EventLabels;

/**
 * What a permit obliges the sender to do before the recipient gets the event.
 *
 * @param strip          detail element names removed ({@code remarks}, {@code __video}, ...)
 * @param coarsenMetres  position snapped to a grid of this many metres (and {@code ce} raised to
 *                       at least it); 0 for exact positions
 * @param dropIdentity   send affiliation and battle dimension only: type cut to {@code a-f-G},
 *                       uid replaced by a stable pseudonym, every identifying detail removed
 * @param delay          held back this long; zero for now
 */
public record Obligations(Set<String> strip, double coarsenMetres, boolean dropIdentity, Duration delay) {

    /**
     * Elements that carry the label and loop protection: never stripped. The typed ones come from
     * the {@link DetailElement} registry; the label is a verbatim element this module owns.
     */
    static final Set<String> PROTECTED = protectedNames();

    public static final Obligations NONE = new Obligations(Set.of(), 0, false, Duration.ZERO);

    public Obligations {
        TreeSet<String> s = new TreeSet<>(strip);
        for (String name : s) {
            if (PROTECTED.contains(name) || name.isBlank()) {
                throw new IllegalArgumentException("cannot strip " + (name.isBlank() ? "a blank name" : name));
            }
        }
        strip = Collections.unmodifiableSet(s);
        if (!(coarsenMetres >= 0) || !Double.isFinite(coarsenMetres)) {
            throw new IllegalArgumentException("coarsen must be >= 0 metres: " + coarsenMetres);
        }
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
    }

    private static Set<String> protectedNames() {
        Set<String> names = new TreeSet<>(DetailElement.unstrippableNames());
        names.add(EventLabels.ELEMENT);
        return Collections.unmodifiableSet(names);
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** True when the event's bytes change (everything but a delay). */
    public boolean altersEvent() {
        return !strip.isEmpty() || coarsenMetres > 0 || dropIdentity;
    }

    /**
     * True when a copy shaped by these obligations reveals no more than one shaped by
     * {@code other}: it strips at least the same fields, coarsens to a grid at least as coarse
     * (0, exact, is the finest) and drops identity if {@code other} does. Delays are not compared.
     * Two sets may be incomparable (each stricter in one respect): then neither holds.
     */
    public boolean atLeastAsStrictAs(Obligations other) {
        return strip.containsAll(other.strip) && coarsenMetres >= other.coarsenMetres
                && (dropIdentity || !other.dropIdentity);
    }

    /** The part that shapes the bytes: deliveries with equal variants share one encoding. */
    public Obligations variant() {
        return delay.isZero() ? this : new Obligations(strip, coarsenMetres, dropIdentity, Duration.ZERO);
    }
}
