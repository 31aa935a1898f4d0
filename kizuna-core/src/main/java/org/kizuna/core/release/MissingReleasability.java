package org.kizuna.core.release;

import java.util.Objects;

/**
 * What a client's own marking means when it names no releasability ("Releasable To") at all:
 * an {@code access="CONFIDENTIAL"} with no {@code releasableTo}. Never "releasable to anyone"
 * by accident: the safe reading limits it to the originator's nation; without a known nation it
 * is refused; only an explicit setting leaves it unlimited.
 *
 * @param nation with {@link Mode#ORIGINATOR_ONLY}: the nation it is limited to; null otherwise
 */
public record MissingReleasability(Mode mode, String nation) {

    /** The three readings ({@code policy.missingRelTo}). */
    public enum Mode {
        /** Releasable to the originator's nation only. */
        ORIGINATOR_ONLY,
        /** Refused ({@code no-releasability}): the originator's nation is not known to this node. */
        REFUSED,
        /** Left without a releasability limit (an explicit choice of the node's configuration). */
        UNRESTRICTED
    }

    public static final MissingReleasability UNRESTRICTED = new MissingReleasability(Mode.UNRESTRICTED, null);
    public static final MissingReleasability REFUSED = new MissingReleasability(Mode.REFUSED, null);

    public MissingReleasability {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.ORIGINATOR_ONLY) != (nation != null && !nation.isBlank())) {
            throw new IllegalArgumentException("a nation goes with ORIGINATOR_ONLY, and only with it");
        }
    }

    public static MissingReleasability originatorOnly(String nation) {
        return new MissingReleasability(Mode.ORIGINATOR_ONLY, nation);
    }
}
