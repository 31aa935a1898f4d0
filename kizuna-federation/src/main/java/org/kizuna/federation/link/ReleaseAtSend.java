package org.kizuna.federation.link;

import java.io.UncheckedIOException;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.core.federation.ReleaseStamp;
import org.kizuna.federation.FederationMetrics;
import org.kizuna.federation.Partner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release guard's second word on a queued event frame, just before the link sends it. The
 * guard decided when the event was queued, but the frame may wait long after (the link cut, the
 * node restarted) while the posture tightens: what leaves must be releasable under the posture of
 * the moment it leaves, and exactly as it was shaped. A frame the guard no longer releases so, and
 * a restored frame whose stamp could not be rebuilt (fail closed), is withdrawn: never sent,
 * removed from the log and the journal as an acknowledged frame would be, its sequence number left
 * as a gap, counted as {@code kizuna.federation.outbound.dropped{partner,reason=release-withdrawn}}.
 *
 * <p>Link thread only. With the guard's decision cache, the question is a map lookup per frame.
 */
final class ReleaseAtSend {

    private static final Logger log = LoggerFactory.getLogger(ReleaseAtSend.class);
    static final String WITHDRAWN = "release-withdrawn";

    private final Partner partner;
    private final PartnerRelease release;
    private final FederationMetrics metrics;
    private final OutboundLog outbound;
    private long withdrawn;
    private long unrecorded;

    ReleaseAtSend(Partner partner, PartnerRelease release, FederationMetrics metrics, OutboundLog outbound) {
        this.partner = partner;
        this.release = release;
        this.metrics = metrics;
        this.outbound = outbound;
    }

    /** True when {@code entry} may be sent now; otherwise it has been withdrawn from the log. */
    boolean mayGo(OutboundLog.Entry entry) {
        if (!entry.frame().hasEvent()) {
            return true; // retractions and control frames release nothing
        }
        ReleaseStamp stamp = entry.stamp();
        String why;
        if (stamp == null) {
            why = "its release stamp cannot be rebuilt from the frame";
        } else if (stillReleasable(stamp)) {
            return true;
        } else {
            why = "the posture in force no longer releases it as it was shaped";
        }
        withdraw(entry, why);
        return false;
    }

    private boolean stillReleasable(ReleaseStamp stamp) {
        try {
            return release.stillReleasable(stamp, partner);
        } catch (RuntimeException e) {
            // Fail closed: sending what the guard could not vouch for is the one thing not to do.
            log.error("release guard failed on a queued frame for partner {}: withdrawn", partner, e);
            return false;
        }
    }

    private void withdraw(OutboundLog.Entry entry, String why) {
        try {
            outbound.withdraw(entry);
        } catch (UncheckedIOException e) {
            if (unrecorded++ % 1000 == 0) {
                log.error("cannot journal the withdrawal of frame {} for partner {}: not sent; after a restart it "
                        + "is decided again", entry.sequence(), partner, e);
            }
        }
        metrics.outboundDropped(partner.nodeId(), WITHDRAWN);
        if (withdrawn++ % 1000 == 0) {
            var event = entry.frame().getEvent();
            log.info("withdrew frame {} ({} of {}) for partner {}: {} (counted in kizuna.federation.outbound.dropped"
                    + "{reason=" + WITHDRAWN + "}, one line per 1,000)", entry.sequence(), event.getOriginUid(),
                    event.getOriginNode(), partner, why);
        }
    }
}
