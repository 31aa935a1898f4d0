package org.kizuna.core.federation;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kizuna.core.identity.Group;
import org.kizuna.core.routing.LatestState;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.Obligations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posture changes cross the link. After a change from {@code earlier}, for every partner and every
 * item of our latest picture its outbound groups reach, the guard decides under the earlier
 * posture and under the current one: an item released before and not now is retracted over the
 * link (under the uid the partner knew, after the earlier obligations) and recorded in the audit
 * log; an item the partner may now hold and could not before is offered to it again. An item
 * it may still hold, shaped otherwise, is offered again as now shaped, after a retraction of the
 * held copy when that copy reveals more than is now allowed or its uid changes (identity dropped
 * or given back), exactly as for local clients.
 *
 * <p>As for local clients, only the latest picture is re-evaluated: chat and items that left the
 * picture cannot be recalled. Partners' items we relayed are not re-evaluated here (relay is off
 * by default). Frames still queued for a partner are decided again when its link sends them.
 * Runs on the posture thread; the links' logs are thread-safe.
 */
public final class PartnerReevaluation {

    private static final Logger log = LoggerFactory.getLogger(PartnerReevaluation.class);

    private final PartnerGuard guard;
    private final AuditTrail audit;

    public PartnerReevaluation(PartnerGuard guard, AuditTrail audit) {
        this.guard = guard;
        this.audit = audit;
    }

    /** Returns how many items were retracted from partners. */
    public int postureChanged(PostureState earlier, PostureState now, PartnerLinks links,
                              List<LatestState.Entry> picture) {
        int retracted = 0;
        int offered = 0;
        String reason = "posture " + now.posture() + " (version " + now.version() + ")";
        for (PartnerEdge p : links.partners()) {
            for (LatestState.Entry entry : picture) {
                if (entry.isForeign() || entry.routed().label() == null || !reaches(entry.senderIn(), p.outboundGroups())) {
                    continue;
                }
                Optional<Obligations> was = guard.shapingUnder(earlier, entry.routed(), p);
                Optional<Obligations> is = guard.shapingUnder(null, entry.routed(), p);
                if (was.equals(is)) {
                    continue; // the partner holds what it may hold (or nothing, as before)
                }
                // As for local clients: the held copy goes when the partner may no longer hold it
                // (denied now, or shaped more strictly) or its uid changes (identity dropped or
                // given back); a looser copy under the same uid simply replaces it.
                if (was.isPresent() && (is.isEmpty() || !was.get().atLeastAsStrictAs(is.get())
                        || was.get().dropIdentity() != is.get().dropIdentity())) {
                    String uid = guard.releasedUnder(earlier, entry.routed(), p).orElseThrow().uid();
                    links.retract(p.nodeId(), uid, reason);
                    audit.append("retracted", "node", uid + " from partner " + p.nodeId() + " (" + reason + ")");
                    retracted++;
                }
                if (is.isPresent()) {
                    links.offer(p.nodeId(), entry.routed());
                    offered++;
                }
            }
        }
        if (retracted + offered > 0) {
            log.info("{}: {} items retracted from partners, {} offered again", reason, retracted, offered);
        }
        return retracted;
    }

    private static boolean reaches(Set<Group> senderIn, Set<Group> outbound) {
        for (Group g : senderIn) {
            if (outbound.contains(g)) {
                return true;
            }
        }
        return false;
    }
}
