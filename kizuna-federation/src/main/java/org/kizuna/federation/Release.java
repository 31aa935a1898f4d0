package org.kizuna.federation;

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
 */
public record Release(CotEvent event, byte[] originatorLabel, Map<String, byte[]> alternativeLabels, String refusal) {

    private static final byte[] NO_LABEL = new byte[0];

    public Release {
        Objects.requireNonNull(originatorLabel, "originatorLabel");
        alternativeLabels = Map.copyOf(alternativeLabels);
        if ((event == null) == (refusal == null)) {
            throw new IllegalArgumentException("a release has either an event or a refusal");
        }
    }

    public static Release permit(CotEvent event) {
        return new Release(Objects.requireNonNull(event, "event"), NO_LABEL, Map.of(), null);
    }

    public static Release permit(CotEvent event, byte[] originatorLabel, Map<String, byte[]> alternativeLabels) {
        return new Release(Objects.requireNonNull(event, "event"), originatorLabel, alternativeLabels, null);
    }

    public static Release refuse(String reason) {
        return new Release(null, NO_LABEL, Map.of(), Objects.requireNonNull(reason, "reason"));
    }

    public boolean permitted() {
        return event != null;
    }
}
