package org.kizuna.federation;

import org.kizuna.cot.CotEvent;
import org.kizuna.core.routing.Provenance;

/**
 * The seam where the release guard decides what leaves this node for a partner: called once per
 * routed event and partner, on the router's thread (so it must not block), before the event enters
 * the link's outbound log. The guard knows the partner's accreditation ({@link Partner#accreditation()})
 * and the node's current posture; it answers with the event to send (possibly with obligations
 * applied: a coarsened position, stripped fields) and the labels that travel with it, or a refusal.
 *
 * <p>What it released waits in the link's log until the link sends it, possibly long after (a cut, a
 * restart): just before sending, the link asks {@link #stillReleasable} whether the posture of that
 * moment still releases it as it was shaped; a frame it no longer does is withdrawn.
 *
 * <p>{@link #PERMIT_ALL} is for tests and labs only: a real node must plug the guard in, which
 * denies by default.
 */
@FunctionalInterface
public interface PartnerRelease {

    PartnerRelease PERMIT_ALL = (event, partner, provenance) -> Release.permit(event);

    /**
     * @param event      the event as routed locally (this node's flow tag set)
     * @param partner    the recipient node
     * @param provenance where the event came from when it is a partner's own (only with relaying
     *                   enabled); {@code null} for events of local clients
     */
    Release decide(CotEvent event, Partner partner, Provenance provenance);

    /**
     * Asks again for an event the guard answered {@link Release#later} for, once that delay has
     * passed: the delay is served, but the posture may have changed meanwhile, so the guard
     * decides again (and may refuse, or shape differently). The default decides as usual.
     */
    default Release decideWhenDue(CotEvent event, Partner partner, Provenance provenance) {
        return decide(event, partner, provenance);
    }

    /**
     * Asks, just before the link sends a queued event frame, whether the current posture still
     * releases it to {@code partner} exactly as it was released: permitted, and with the same
     * shaping (a coarser grid, identity dropped or other fields stripped now would make the
     * queued copy say more than may be said). False withdraws the frame: never sent, removed from
     * the log and the journal, counted as {@code release-withdrawn}. Called on the link's thread
     * for every event frame it sends, so it must be cheap and must not block.
     *
     * <p>The default says yes: a guard without postures (such as {@link #PERMIT_ALL}) never
     * changes its mind. A guard whose answers can change must implement it.
     *
     * @param stamp what the frame was released as; for a frame restored from the journal, rebuilt
     *              from the frame ({@link ReleaseStamp#isRestored()})
     */
    default boolean stillReleasable(ReleaseStamp stamp, Partner partner) {
        return true;
    }
}
