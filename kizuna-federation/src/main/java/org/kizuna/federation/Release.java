package org.kizuna.federation;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.kizuna.cot.CotEvent;

/**
 * The release guard's answer for one event and partner.
 *
 * @param event             what to send (with obligations applied), or {@code null} when refused
 * @param originatorLabel   the originator's label, serialised by the guard; opaque to the link
 * @param alternativeLabels equivalent labels under other policies, by policy id
 * @param refusal           why the event stays home (a counter reason), or {@code null} when released
 * @param delay             when neither: ask again after this long ({@link PartnerRelease#decideWhenDue})
 */
public record Release(CotEvent event, byte[] originatorLabel, Map<String, byte[]> alternativeLabels, String refusal,
                      Duration delay) {

    private static final byte[] NO_LABEL = new byte[0];

    public Release {
        Objects.requireNonNull(originatorLabel, "originatorLabel");
        alternativeLabels = Map.copyOf(alternativeLabels);
        Objects.requireNonNull(delay, "delay");
        int answers = (event == null ? 0 : 1) + (refusal == null ? 0 : 1) + (delay.isZero() ? 0 : 1);
        if (answers != 1 || delay.isNegative()) {
            throw new IllegalArgumentException("a release has either an event, a refusal or a positive delay");
        }
    }

    public static Release permit(CotEvent event) {
        return new Release(Objects.requireNonNull(event, "event"), NO_LABEL, Map.of(), null, Duration.ZERO);
    }

    public static Release permit(CotEvent event, byte[] originatorLabel, Map<String, byte[]> alternativeLabels) {
        return new Release(Objects.requireNonNull(event, "event"), originatorLabel, alternativeLabels, null, Duration.ZERO);
    }

    public static Release refuse(String reason) {
        return new Release(null, NO_LABEL, Map.of(), Objects.requireNonNull(reason, "reason"), Duration.ZERO);
    }

    /**
     * Not yet: the link holds the event outside its ordered log and asks again after
     * {@code delay} (nothing behind it waits), when the guard may still permit, shape or refuse it.
     */
    public static Release later(Duration delay) {
        return new Release(null, NO_LABEL, Map.of(), null, delay);
    }

    public boolean isLater() {
        return !delay.isZero();
    }

    public boolean permitted() {
        return event != null;
    }
}
