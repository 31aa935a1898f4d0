package org.kizuna.core.federation;

import java.util.Map;
import java.util.Objects;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;

/**
 * What the release guard released one queued frame as, so that the link can ask again just before
 * it sends the frame ({@link PartnerRelease#stillReleasable}): a frame may wait in the log for
 * hours (a cut, a restart), and the posture of the moment it leaves is the one that counts.
 *
 * <p>A stamp the guard made holds its own handle on the event's labels ({@code labelKey}, opaque
 * to the link: the guard's interned key, so asking again is a cache lookup, not a parse). A frame
 * restored from the journal after a restart has no such handle: its stamp carries the labels as
 * they travel in the envelope ({@code travelled}), which the guard reads again.
 *
 * @param labelKey  the guard's handle on the labels; {@code null} when restored, or when released without labels
 * @param travelled the envelope's labels, for a stamp rebuilt from a restored frame; {@code null} otherwise
 * @param type      the CoT type the guard decided on
 * @param lat       the latitude the guard decided on
 * @param lon       the longitude the guard decided on
 * @param shaping   the guard's name for the obligations the event was shaped with (delay aside;
 *                  {@code ""}: unchanged); kept in the journal with the frame. {@code null} only
 *                  for a restored frame journalled without one (an older journal): unknown
 */
public record ReleaseStamp(Object labelKey, Travelled travelled, CotType type, double lat, double lon, String shaping) {

    /** The labels as the envelope carries them (opaque bytes, the guard's format). */
    public record Travelled(byte[] originator, Map<String, byte[]> alternatives) {
        public Travelled {
            Objects.requireNonNull(originator, "originator");
            alternatives = Map.copyOf(alternatives);
        }
    }

    public ReleaseStamp {
        Objects.requireNonNull(type, "type");
        if (labelKey != null && travelled != null) {
            throw new IllegalArgumentException("a stamp holds either the guard's key or the travelled labels");
        }
        if (shaping == null && travelled == null) {
            throw new IllegalArgumentException("only a restored stamp may have an unknown shaping");
        }
    }

    /** What the guard decided on for {@code decidedOn} (the event as routed, before shaping). */
    public static ReleaseStamp of(CotEvent decidedOn, Object labelKey, String shaping) {
        return new ReleaseStamp(labelKey, null, decidedOn.type(), decidedOn.point().lat(), decidedOn.point().lon(),
                Objects.requireNonNull(shaping, "shaping"));
    }

    /** Rebuilt from a frame restored from the journal: the labels as they travelled, the sent event's type and point. */
    public static ReleaseStamp restored(Travelled labels, CotType type, double lat, double lon, String shaping) {
        return new ReleaseStamp(null, Objects.requireNonNull(labels, "labels"), type, lat, lon, shaping);
    }

    /** True when rebuilt from a restored frame rather than made by the guard in this run. */
    public boolean isRestored() {
        return travelled != null;
    }
}
