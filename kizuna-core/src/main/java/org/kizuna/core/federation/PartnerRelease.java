package org.kizuna.core.federation;

import org.kizuna.core.routing.RoutedEvent;

/**
 * The seam where the release guard decides what leaves this node for a partner: called once per
 * routed event and partner when the event is queued for the partner's link, on the router's
 * thread (so it must not block), and again through {@link #stillReleasable} at the moment the
 * link sends the frame. The guard knows the partner's accreditation and the node's current
 * posture; it answers with the copy to send (the routed event's shared variant for the
 * obligations: a coarsened position, stripped fields) and the labels that travel with it, or a
 * refusal.
 *
 * <p>{@link #PERMIT_ALL} is for tests and labs only: a real node plugs the guard in, which denies
 * by default.
 */
@FunctionalInterface
public interface PartnerRelease {

    PartnerRelease PERMIT_ALL = (routed, partner) -> Release.permit(routed);

    /**
     * @param routed  the event as routed locally (this node's flow tag set); its origin says
     *                where it came from (a partner's own event only with relaying enabled)
     * @param partner the recipient node
     */
    Release decide(RoutedEvent routed, PartnerEdge partner);

    /**
     * Asks again for an event the guard answered {@link Release#later} for, once that delay has
     * passed: the delay is served, but the posture may have changed meanwhile, so the guard
     * decides again (and may refuse, or shape differently). The default decides as usual.
     */
    default Release decideWhenDue(RoutedEvent routed, PartnerEdge partner) {
        return decide(routed, partner);
    }

    /**
     * Asked by the link just before it sends a queued frame: may {@code partner} still hold what
     * {@code stamp} says was released, under the posture in force, shaped the same? A frame
     * that may not is withdrawn (never sent, counted). The default, for guards that never change
     * their mind (labels off), says yes.
     */
    default boolean stillReleasable(ReleaseStamp stamp, PartnerEdge partner) {
        return true;
    }
}
