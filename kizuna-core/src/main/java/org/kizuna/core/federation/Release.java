package org.kizuna.core.federation;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.cot.CotEvent;

/**
 * The release guard's answer for one event and partner.
 *
 * @param copy              what to send: the routed event itself, or its shared variant shaped by the
 *                          obligations (its TAK encoding made once for every recipient of that
 *                          variant); {@code null} when refused or later
 * @param originatorLabel   the originator's label, serialised by the guard; opaque to the link
 * @param alternativeLabels equivalent labels under other policies, by policy id
 * @param refusal           why the event stays home (a counter reason), or {@code null} when released
 * @param delay             when neither: ask again after this long ({@link PartnerRelease#decideWhenDue})
 * @param stamp             with a copy: what it was released as, asked about again when the link
 *                          sends it ({@link PartnerRelease#stillReleasable}); {@code null} otherwise
 */
public record Release(RoutedEvent copy, byte[] originatorLabel, Map<String, byte[]> alternativeLabels, String refusal,
                      Duration delay, ReleaseStamp stamp) {

    private static final byte[] NO_LABEL = new byte[0];

    public Release {
        Objects.requireNonNull(originatorLabel, "originatorLabel");
        alternativeLabels = Map.copyOf(alternativeLabels);
        Objects.requireNonNull(delay, "delay");
        int answers = (copy == null ? 0 : 1) + (refusal == null ? 0 : 1) + (delay.isZero() ? 0 : 1);
        if (answers != 1 || delay.isNegative()) {
            throw new IllegalArgumentException("a release has either a copy, a refusal or a positive delay");
        }
        if ((copy == null) != (stamp == null)) {
            throw new IllegalArgumentException("a permit, and only a permit, carries a release stamp");
        }
    }

    /** Released unchanged and without labels: stamped with the event's own type and point. */
    public static Release permit(RoutedEvent routed) {
        return permit(routed, NO_LABEL, Map.of());
    }

    /** Released with labels, stamped without a key of the guard's (a guard that never asks again). */
    public static Release permit(RoutedEvent copy, byte[] originatorLabel, Map<String, byte[]> alternativeLabels) {
        return permit(copy, originatorLabel, alternativeLabels, ReleaseStamp.of(copy.event(), null, ""));
    }

    /** Released as {@code stamp} says (the guard's key, what it decided on, the shaping applied). */
    public static Release permit(RoutedEvent copy, byte[] originatorLabel, Map<String, byte[]> alternativeLabels,
                                 ReleaseStamp stamp) {
        return new Release(Objects.requireNonNull(copy, "copy"), originatorLabel, alternativeLabels, null, Duration.ZERO,
                Objects.requireNonNull(stamp, "stamp"));
    }

    public static Release refuse(String reason) {
        return new Release(null, NO_LABEL, Map.of(), Objects.requireNonNull(reason, "reason"), Duration.ZERO, null);
    }

    /**
     * Not yet: the link holds the event outside its ordered log and asks again after
     * {@code delay} (nothing behind it waits), when the guard may still permit, shape or refuse it.
     */
    public static Release later(Duration delay) {
        return new Release(null, NO_LABEL, Map.of(), null, delay, null);
    }

    /** The event to send; {@code null} unless permitted. */
    public CotEvent event() {
        return copy == null ? null : copy.event();
    }

    public boolean isLater() {
        return !delay.isZero();
    }

    public boolean permitted() {
        return copy != null;
    }
}
