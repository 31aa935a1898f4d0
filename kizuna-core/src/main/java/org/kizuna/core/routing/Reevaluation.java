package org.kizuna.core.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.Obligations;

/**
 * After a posture change, what each subscriber holds of the latest picture is decided again:
 * lost permits are retracted ({@code t-x-d-d} with {@code <__forcedelete/>} under the uid the
 * subscriber knew), gained permits are sent, and a permit whose shaping changed sends the item
 * again as now shaped, retracting the held copy first when the new shaping is stricter or
 * incomparable or the uid changes. Only the latest picture is re-evaluated: what was never part
 * of it (chat, point-to-point) cannot be recalled, and a retraction is a request.
 */
final class Reevaluation {

    private final Subscribers subscribers;
    private final LatestState latest;
    private final Egress egress;
    private final FanOut fanOut;
    private final TakProtoCodec codec;
    private final RoutingMetrics metrics;
    private final Clock clock;

    Reevaluation(Subscribers subscribers, LatestState latest, Egress egress, FanOut fanOut, TakProtoCodec codec,
                 RoutingMetrics metrics, Clock clock) {
        this.subscribers = subscribers;
        this.latest = latest;
        this.egress = egress;
        this.fanOut = fanOut;
        this.codec = codec;
        this.metrics = metrics;
        this.clock = clock;
    }

    List<Router.Retraction> reevaluate(PostureState earlier) {
        List<Router.Retraction> retracted = new ArrayList<>();
        Instant now = clock.instant();
        List<LatestState.Entry> picture = latest.snapshot(now);
        for (Subscriber s : subscribers.all()) {
            // A loosening can hand a client most of the picture at once, and a change of shaping a
            // retraction and a new copy per item: like the picture on connect, that burst gets room
            // of its own, so it neither drops positions nor takes the client for a slow consumer.
            s.deliverBurst(2 * picture.size(), () -> {
                for (LatestState.Entry entry : picture) {
                    reevaluate(earlier, entry, s, now, retracted);
                }
            });
        }
        return retracted;
    }

    private void reevaluate(PostureState earlier, LatestState.Entry entry, Subscriber s, Instant now,
                            List<Router.Retraction> retracted) {
        if (entry.isFrom(s.id()) || !s.groups().canRead(entry.senderIn())) {
            return;
        }
        Egress.Outcome before = egress.decideUnder(earlier, entry.routed(), s.recipient());
        Egress.Outcome after = egress.decide(entry.routed(), s.recipient());
        if (!before.permitted()) {
            if (after.permitted()) {
                fanOut.offer(entry.routed(), s);
            }
            return;
        }
        Obligations was = before.obligations().variant();
        if (after.permitted() && was.equals(after.obligations().variant())) {
            return; // the client holds what it may hold
        }
        CotEvent held = before.copy().event();
        // The held copy goes when the recipient may no longer hold it (denied now, or shaped more
        // strictly), or when the new copy has another uid (identity dropped or given back) and
        // would otherwise sit beside it. A looser copy under the same uid simply replaces it.
        boolean remove = !after.permitted() || !was.atLeastAsStrictAs(after.obligations().variant())
                || !held.uid().equals(after.copy().event().uid());
        // A retraction names the copy: one the recipient was certainly never handed under that
        // name (its delayed release still pending, decided again when due) is not named to it.
        remove = remove && egress.mayHaveHanded(s.recipient(), held.uid());
        if (remove) {
            s.deliver(new RoutedEvent(Notices.forceDelete(held.uid(), held.type().value(), now), null, codec));
            metrics.dropped(Drop.RETRACTED);
            retracted.add(new Router.Retraction(s.recipient().name(), held.uid()));
        }
        if (after.permitted()) {
            fanOut.offer(entry.routed(), s);
        }
    }
}
