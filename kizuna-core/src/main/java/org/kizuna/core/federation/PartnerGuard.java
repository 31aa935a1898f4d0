package org.kizuna.core.federation;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.cot.CotEvent;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.LabelFormatException;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.ClearanceKey;
import org.kizuna.policy.release.LabelKey;
import org.kizuna.policy.release.ObligationApplier;
import org.kizuna.policy.release.Obligations;
import org.kizuna.policy.release.ReleaseGuard;
import org.kizuna.policy.release.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release guard at the boundary: what leaves this node for a partner. The event's label is
 * the routed event's key, made once at ingest (never read back out of the event); the guard decides for the partner's
 * clearance (its accreditation) under the posture in force, deny by default, and the permit's
 * obligations shape the event (the routed event's shared variant) before it enters the link's log. Refusals are counted by the link
 * ({@code kizuna.federation.outbound.dropped{partner,reason}}); each new (label, clearance,
 * posture) decision is in the audit log through the guard's listener, as for local clients.
 *
 * <p>A permit with a delay answers {@link Release#later}: the link holds the event outside its
 * ordered log (holding it inside would hold back everything behind it) and asks again when it is
 * due ({@link #decideWhenDue}), so a posture that tightened meanwhile withdraws it.
 *
 * <p>A permit carries a {@link ReleaseStamp} (the interned label key, the type and point decided
 * on, the shaping): the link asks {@link #stillReleasable} just before it sends the frame, hours
 * later perhaps, and withdraws it unless the posture in force still permits it with the same
 * shaping. A frame restored from the link journal is stamped with its envelope's labels instead,
 * read again here with the hardened reader.
 *
 * <p>Runs on router threads and never blocks.
 */
public final class PartnerGuard implements PartnerRelease {

    private static final Logger log = LoggerFactory.getLogger(PartnerGuard.class);

    private final ReleaseGuard guard;
    private final ObligationApplier applier;
    private final Map<String, ClearanceKey> clearances = new HashMap<>();

    private final EnvelopeLabels envelopes = new EnvelopeLabels();

    /** {@code byPartner}: each partner's accreditation, as a clearance in this node's policy's terms. */
    public PartnerGuard(ReleaseGuard guard, ObligationApplier applier, Map<String, Clearance> byPartner) {
        this.guard = guard;
        this.applier = applier;
        byPartner.forEach((id, c) -> clearances.put(id, guard.key(c)));
    }

    @Override
    public Release decide(RoutedEvent routed, PartnerEdge partner) {
        return decide(routed, partner, false);
    }

    @Override
    public Release decideWhenDue(RoutedEvent routed, PartnerEdge partner) {
        return decide(routed, partner, true);
    }

    private Release decide(RoutedEvent routed, PartnerEdge partner, boolean delayServed) {
        ClearanceKey clearance = clearances.get(partner.nodeId());
        if (clearance == null) {
            return Release.refuse("no-accreditation");
        }
        LabelKey key = routed.label();
        if (key == null) {
            return Release.refuse("unlabelled"); // every routed event is labelled while labels are on
        }
        CotEvent event = routed.decidedOn();
        Verdict verdict = guard.decide(key, clearance, event.type(), event.point().lat(), event.point().lon());
        return released(routed, verdict, partner, delayServed);
    }

    /**
     * The posture in force must still permit what the stamp says was released, shaped the same
     * (obligations compared as {@link Obligations#variant()}: a delay added meanwhile does not
     * withdraw). Unknown labels, accreditation or shaping: no (fail closed).
     */
    @Override
    public boolean stillReleasable(ReleaseStamp stamp, PartnerEdge partner) {
        ClearanceKey clearance = clearances.get(partner.nodeId());
        LabelKey key = stamp.labelKey() instanceof LabelKey k ? k : travelledKey(stamp, partner);
        if (clearance == null || key == null || stamp.shaping() == null) {
            return false;
        }
        Verdict verdict = guard.decide(key, clearance, stamp.type(), stamp.lat(), stamp.lon());
        return verdict.permitted() && shaping(verdict.obligations().variant()).equals(stamp.shaping());
    }

    /** A restored frame's labels, read again from its envelope; {@code null} when they cannot be. */
    private LabelKey travelledKey(ReleaseStamp stamp, PartnerEdge partner) {
        if (stamp.travelled() == null) {
            return null;
        }
        try {
            return guard.key(EnvelopeLabels.readSet(stamp.travelled().originator(), stamp.travelled().alternatives()));
        } catch (LabelFormatException | IllegalArgumentException e) {
            log.info("labels of a restored frame for partner {} unreadable: {}", partner, e.getMessage());
            return null;
        }
    }

    /** How a stamp names the obligations an event was shaped with: the same name for equal variants. */
    static String shaping(Obligations variant) {
        if (!variant.altersEvent()) {
            return "";
        }
        return "strip=" + String.join(",", variant.strip()) + ";coarsen=" + variant.coarsenMetres()
                + ";identity=" + (variant.dropIdentity() ? "dropped" : "kept");
    }

    /**
     * What {@code partner} was (or would have been) sent of {@code routed} under {@code posture}
     * instead of the one in force: for retraction after a posture change.
     */
    Optional<CotEvent> releasedUnder(PostureState posture, RoutedEvent routed, PartnerEdge partner) {
        ClearanceKey clearance = clearances.get(partner.nodeId());
        if (clearance == null || routed.label() == null) {
            return Optional.empty();
        }
        CotEvent event = routed.decidedOn();
        Verdict v = guard.decideUnder(posture, routed.label(), clearance, event.type(), event.point().lat(),
                event.point().lon());
        Release r = released(routed, v, partner, true); // a delayed release was sent when due
        return Optional.ofNullable(r.event());
    }

    /**
     * How {@code partner} may hold {@code routed} under {@code posture} (null: the one in force):
     * the obligations' variant (delay aside); empty when it may not hold it.
     */
    Optional<Obligations> shapingUnder(PostureState posture, RoutedEvent routed, PartnerEdge partner) {
        ClearanceKey clearance = clearances.get(partner.nodeId());
        if (clearance == null || routed.label() == null) {
            return Optional.empty();
        }
        CotEvent event = routed.decidedOn();
        Verdict v = posture == null
                ? guard.decide(routed.label(), clearance, event.type(), event.point().lat(), event.point().lon())
                : guard.decideUnder(posture, routed.label(), clearance, event.type(), event.point().lat(),
                        event.point().lon());
        return v.permitted() ? Optional.of(v.obligations().variant()) : Optional.empty();
    }

    private Release released(RoutedEvent routed, Verdict verdict, PartnerEdge partner, boolean delayServed) {
        CotEvent event = routed.decidedOn();
        if (!verdict.permitted()) {
            log.debug("not released to partner {}: {} ({})", partner.nodeId(), routed, verdict.reason());
            return Release.refuse(delayServed ? "release-withdrawn" : "release-denied");
        }
        Obligations o = verdict.obligations();
        if (!o.delay().isZero() && !delayServed) {
            return Release.later(o.delay());
        }
        // The shared variant: encoded once for every partner and local client shaped alike.
        RoutedEvent copy = routed.variant(o, e -> applier.apply(e, o));
        LabelKey key = routed.label();
        Instant created = routed.event().time();
        return Release.permit(copy, envelopes.originator(key, created), envelopes.alternatives(key, created),
                ReleaseStamp.of(event, key, shaping(o.variant())));
    }
}
