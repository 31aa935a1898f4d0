package org.kizuna.core.identity;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code identity:} settings.
 *
 * @param maxBoundUids     most uids bound at once; beyond it new uids are not bound ({@link UidBindings.Claim#FULL})
 * @param bindingRetention a binding not claimed for this long may be dropped (at the next compaction of its journal)
 */
public record IdentitySettings(int maxBoundUids, Duration bindingRetention) {

    public static final IdentitySettings DEFAULTS = new IdentitySettings(500_000, Duration.ofDays(30));

    public IdentitySettings {
        Objects.requireNonNull(bindingRetention, "bindingRetention");
        if (maxBoundUids < 1) {
            throw new IllegalArgumentException("identity.maxBoundUids must be at least 1: " + maxBoundUids);
        }
        if (bindingRetention.compareTo(Duration.ofMinutes(1)) < 0) {
            // last use is tracked to the minute (see UidBindings)
            throw new IllegalArgumentException("identity.bindingRetention must be at least 1m: " + bindingRetention);
        }
    }
}
