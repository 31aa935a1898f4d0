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
}
