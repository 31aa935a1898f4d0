package org.kizuna.app.release;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.kizuna.cot.CotEvent;
import org.kizuna.federation.Partner;
import org.kizuna.federation.PartnerRelease;
import org.kizuna.federation.Release;
import org.kizuna.federation.ReleaseStamp;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.cot.EventLabels;
import org.kizuna.policy.label.LabelFormatException;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.ClearanceKey;
import org.kizuna.policy.release.LabelKey;
import org.kizuna.policy.release.ObligationApplier;
import org.kizuna.policy.release.Obligations;
import org.kizuna.policy.release.ReleaseGuard;
import org.kizuna.policy.release.Verdict;
import org.kizuna.core.routing.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release guard at the boundary: what leaves this node for a partner. The event's labels are
 * the ones the router wrote at ingest ({@code <__seclabel>}); the guard decides for the partner's
 * clearance (its accreditation) under the posture in force, deny by default, and the permit's
 * obligations shape the event before it enters the link's log. Refusals are counted by the link
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
 * <p>Runs on router threads and never blocks. An event is read once for all partners: the
 * federation offers the same event to every link in turn on one thread.
 */
final class PartnerGuard implements PartnerRelease {

    private static final Logger log = LoggerFactory.getLogger(PartnerGuard.class);

    /** The labels of the event being offered on this thread, read once for every partner. */
    private static final ThreadLocal<Read> LAST = new ThreadLocal<>();

    private record Read(CotEvent event, LabelKey key, String refusal) {
    }

    private final EventLabels eventLabels;
    private final ReleaseGuard guard;
    private final ObligationApplier applier;
    private final Map<String, ClearanceKey> clearances = new HashMap<>();

    PartnerGuard(EventLabels eventLabels, ReleaseGuard guard, ObligationApplier applier,
                 Map<String, Clearance> byPartner) {
        this.eventLabels = eventLabels;
        this.guard = guard;
        this.applier = applier;
        byPartner.forEach((id, c) -> clearances.put(id, guard.key(c)));
    }

    @Override
    public Release decide(CotEvent event, Partner partner, Provenance provenance) {
        return decide(event, partner, false);
    }

    @Override
    public Release decideWhenDue(CotEvent event, Partner partner, Provenance provenance) {
        return decide(event, partner, true);
    }

    private Release decide(CotEvent event, Partner partner, boolean delayServed) {
        ClearanceKey clearance = clearances.get(partner.nodeId());
        if (clearance == null) {
            return Release.refuse("no-accreditation");
        }
        Read read = labels(event);
        if (read.refusal() != null) {
            return Release.refuse(read.refusal());
        }
        Verdict verdict = guard.decide(read.key(), clearance, event.type(), event.point().lat(), event.point().lon());
        return released(event, read.key(), verdict, partner, delayServed);
    }

    /**
     * The posture in force must still permit what the stamp says was released, shaped the same
     * (obligations compared as {@link Obligations#variant()}: a delay added meanwhile does not
     * withdraw). Unknown labels, accreditation or shaping: no (fail closed).
     */
    @Override
    public boolean stillReleasable(ReleaseStamp stamp, Partner partner) {
        ClearanceKey clearance = clearances.get(partner.nodeId());
        LabelKey key = stamp.labelKey() instanceof LabelKey k ? k : travelledKey(stamp, partner);
        if (clearance == null || key == null || stamp.shaping() == null) {
            return false;
        }
        Verdict verdict = guard.decide(key, clearance, stamp.type(), stamp.lat(), stamp.lon());
        return verdict.permitted() && shaping(verdict.obligations().variant()).equals(stamp.shaping());
    }

    /** A restored frame's labels, read again from its envelope; {@code null} when they cannot be. */
    private LabelKey travelledKey(ReleaseStamp stamp, Partner partner) {
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
     * What {@code partner} was (or would have been) sent of {@code labels}'s event under
     * {@code posture} instead of the one in force: for retraction after a posture change.
     */
    Optional<CotEvent> releasedUnder(PostureState posture, CotEvent event, LabelKey label, Partner partner) {
        ClearanceKey clearance = clearances.get(partner.nodeId());
        if (clearance == null) {
            return Optional.empty();
        }
        Verdict v = guard.decideUnder(posture, label, clearance, event.type(), event.point().lat(), event.point().lon());
        Release r = released(event, label, v, partner, true); // a delayed release was sent when due
        return Optional.ofNullable(r.event());
    }

    /** Whether {@code partner} may hold {@code label}'s event now. */
    boolean releasableNow(CotEvent event, LabelKey label, Partner partner) {
        ClearanceKey clearance = clearances.get(partner.nodeId());
        if (clearance == null) {
            return false;
        }
        Verdict v = guard.decide(label, clearance, event.type(), event.point().lat(), event.point().lon());
        return v.permitted();
    }

    private Release released(CotEvent event, LabelKey key, Verdict verdict, Partner partner, boolean delayServed) {
        if (!verdict.permitted()) {
            log.debug("not released to partner {}: {} {} ({})", partner, event.type(), event.uid(), verdict.reason());
            return Release.refuse(delayServed ? "release-withdrawn" : "release-denied");
        }
        Obligations o = verdict.obligations();
        if (!o.delay().isZero() && !delayServed) {
            return Release.later(o.delay());
        }
        // Unchanged, the event is the router's instance: its encoding is shared by every partner.
        CotEvent sent = o.altersEvent() ? applier.apply(event, o) : event;
        return Release.permit(sent, EnvelopeLabels.originator(key.labels(), event.time()),
                EnvelopeLabels.alternatives(key.labels(), event.time()), ReleaseStamp.of(event, key, shaping(o.variant())));
    }

    private Read labels(CotEvent event) {
        Read last = LAST.get();
        if (last != null && last.event() == event) {
            return last;
        }
        Read read;
        try {
            Optional<LabelSet> set = eventLabels.read(event);
            read = set.isEmpty() ? new Read(event, null, "unlabelled") : new Read(event, guard.key(set.get()), null);
        } catch (LabelFormatException e) {
            read = new Read(event, null, "bad-label");
        }
        LAST.set(read);
        return read;
    }
}
