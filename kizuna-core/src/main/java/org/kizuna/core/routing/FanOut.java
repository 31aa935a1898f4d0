package org.kizuna.core.routing;

import java.util.Set;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.Recipient;
import org.kizuna.policy.release.Obligations;
import org.kizuna.policy.release.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands routed events to local subscribers: every candidate passes group reachability and then
 * the {@link Egress} decision, at the moment it is queued, and again when a delayed release falls
 * due. Runs on the sender's event loop; only enqueues.
 */
final class FanOut {

    private static final Logger log = LoggerFactory.getLogger(FanOut.class);

    private final Subscribers subscribers;
    private final Egress egress;
    private final RoutingMetrics metrics;

    FanOut(Subscribers subscribers, Egress egress, RoutingMetrics metrics) {
        this.subscribers = subscribers;
        this.egress = egress;
        this.metrics = metrics;
    }

    /** To every subscriber but {@code sender} that reads one of {@code writeGroups}. */
    void broadcast(Subscriber sender, Set<Group> writeGroups, RoutedEvent routed) {
        for (Subscriber s : subscribers.all()) {
            if (s != sender && s.groups().canRead(writeGroups)) {
                offer(routed, s);
            }
        }
    }

    /** To the subscribers {@code dest} names, never past group reachability. */
    void pointToPoint(Subscriber sender, Destinations dest, RoutedEvent routed) {
        int matched = 0;
        Set<Group> writeGroups = routed.origin().writeGroups();
        for (Subscriber s : subscribers.all()) {
            if (s == sender || !isAddressed(s, dest)) {
                continue;
            }
            if (s.groups().canRead(writeGroups) && offer(routed, s)) {
                matched++;
            }
        }
        if (matched == 0) {
            metrics.dropped(Drop.NO_RECIPIENT);
            log.debug("no reachable recipient for {} to {}", routed, dest);
        }
    }

    /**
     * Asks the egress about one subscriber and queues what it may have: the event shaped by the
     * obligations (one shared variant per obligation set), now or after the delay. False when denied.
     */
    boolean offer(RoutedEvent routed, Subscriber recipient) {
        Recipient to = recipient.recipient();
        Verdict verdict = egress.verdict(routed, to);
        if (!verdict.permitted()) {
            metrics.dropped(Drop.RELEASE_DENIED);
            log.debug("not released to {}: {} ({})", to.name(), routed, verdict.reason());
            return false;
        }
        Obligations o = verdict.obligations();
        if (o.delay().isZero()) {
            // the common case allocates nothing: an unshaped copy is the routed event itself
            recipient.deliver(egress.shaped(routed, o));
            egress.released(routed, to, o);
        } else {
            Egress.Outcome promised = new Egress.Outcome(egress.shaped(routed, o), o, null);
            recipient.defer(o.delay(), () -> releaseLate(routed, promised, recipient));
        }
        return true;
    }

    /**
     * A delayed release asks again when its delay is over: a posture that tightened meanwhile (a
     * denial, or other obligations) withdraws it rather than releasing what is no longer allowed.
     */
    private void releaseLate(RoutedEvent routed, Egress.Outcome promised, Subscriber recipient) {
        Egress.Outcome now = egress.decide(routed, recipient.recipient());
        if (now.permitted() && now.obligations().variant().equals(promised.obligations().variant())) {
            recipient.deliver(promised.copy());
            egress.released(routed, recipient.recipient(), promised.obligations());
        } else {
            metrics.dropped(Drop.RELEASE_WITHDRAWN);
            log.debug("delayed release of {} to {} withdrawn: {}", routed, recipient.recipient().name(), now.denial());
        }
    }

    private static boolean isAddressed(Subscriber s, Destinations dest) {
        String callsign = s.callsign();
        String uid = s.uid();
        return (callsign != null && dest.callsigns().contains(callsign)) || (uid != null && dest.uids().contains(uid));
    }
}
