package org.kizuna.server.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.cot.detail.FlowTags;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.Obligations;
import org.kizuna.policy.release.Verdict;
import org.kizuna.server.ServerMetrics;
import org.kizuna.server.control.ControlMessages;
import org.kizuna.server.session.Group;
import org.kizuna.server.session.Session;
import org.kizuna.server.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who receives each event and hands it to their queues.
 *
 * <p>Rules, in order: forbidden types are dropped; an event already tagged by this node is a loop
 * and dropped; {@code <marti>} is read and removed; explicit destinations (callsign, uid, a direct
 * GeoChat) deliver point-to-point, never past group reachability; everything else goes to every
 * session that can read one of the sender's IN groups, except the sender, and becomes part of the
 * latest picture. Every event is labelled at ingest and every candidate recipient passes the
 * {@link ReleaseDecision}, which may deny it or oblige the router to shape or delay the event.
 *
 * <p>Runs on the sender's event loop and never blocks: delivery only enqueues.
 */
public final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);
    /** Sender session id of restored items: session ids start at 1, so no live session matches it. */
    private static final long RESTORED = 0;

    private final RoutingConfig config;
    private final SessionRegistry sessions;
    private final LatestState latest;
    private final ReleaseDecision release;
    private final HistorySink history;
    private final TakProtoCodec codec;
    private final ServerMetrics metrics;
    private final Clock clock;
    private volatile RouteListener listener = RouteListener.NONE;

    public Router(RoutingConfig config, SessionRegistry sessions, LatestState latest, ReleaseDecision release,
                  HistorySink history, TakProtoCodec codec, ServerMetrics metrics, Clock clock) {
        this.config = config;
        this.sessions = sessions;
        this.latest = latest;
        this.release = release;
        this.history = history;
        this.codec = codec;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Sets the one listener told of every broadcast event (federation links). Wiring only: call it
     * before clients connect; a second call is a mistake.
     */
    public void listen(RouteListener newListener) {
        if (listener != RouteListener.NONE) {
            throw new IllegalStateException("a route listener is already set");
        }
        listener = java.util.Objects.requireNonNull(newListener, "listener");
    }

    /** Routes one event a client sent. Control messages never arrive here. */
    public void route(Session sender, CotEvent event) {
        if (isForbidden(event.type())) {
            reject(sender, event, "forbidden-type");
            return;
        }
        FlowTags tags = event.detail().flowTags();
        if (tags != null && tags.contains(config.nodeId())) {
            reject(sender, event, "loop");
            return;
        }
        Destinations dest = Destinations.of(event);
        Set<Group> writeGroups = sender.groups().in();
        if (dest.group() != null) {
            Group narrowed = new Group(dest.group());
            if (!writeGroups.contains(narrowed)) {
                reject(sender, event, "illegal-group");
                return;
            }
            writeGroups = Set.of(narrowed);
        }
        if (dest.unsupported() && !dest.isPointToPoint()) {
            reject(sender, event, "unsupported-destination");
            return;
        }
        Ingest ingest = release.label(event, sender);
        if (ingest.isRefused()) {
            reject(sender, event, ingest.refusal());
            return;
        }
        metrics.eventIn();
        learnSelf(sender, event);
        Instant now = clock.instant();
        CotEvent labelled = ingest.event();
        CotEvent outbound = labelled.withDetail(labelled.detail().withoutMarti().withFlowTag(config.nodeId(), now.toString()));
        Delivery delivery = new Delivery(outbound, coalesceKey(event), codec, ingest.label(), release.marking(ingest.label()));
        Set<Group> groups = writeGroups;
        boolean pointToPoint = dest.isPointToPoint();
        Runnable deliver = pointToPoint
                ? () -> deliverPointToPoint(sender, groups, dest, delivery)
                : () -> {
                    broadcast(sender, groups, delivery);
                    listener.routed(outbound, groups, null);
                };
        if (event.type().isGeoChat()) {
            // Chat is stored before anyone sees it: a message a recipient read is never missing from history.
            history.routedDurably(outbound, sender, groups, pointToPoint, deliver);
        } else {
            history.routed(outbound, sender, groups, pointToPoint);
            deliver.run();
            if (!dest.isPointToPoint()) {
                updatePicture(sender.id(), writeGroups, event, delivery, now);
            }
        }
    }

    /**
     * Routes one event a federation partner sent, as if a member of {@code writeGroups} had
     * broadcast it: to every local session that may read it and into the picture. The caller
     * has checked provenance and namespaced the uid. {@code <marti>} addressing is ignored: a
     * partner cannot address our clients directly. Returns the refusal reason, or null.
     */
    public String routeForeign(CotEvent event, Set<Group> writeGroups, Provenance provenance) {
        if (isForbidden(event.type())) {
            metrics.rejected("forbidden-type");
            return "forbidden-type";
        }
        FlowTags tags = event.detail().flowTags();
        if (tags != null && tags.contains(config.nodeId())) {
            metrics.rejected("loop");
            return "loop";
        }
        // Inbound labelling wrote our label into the event; without one (labels on) nobody may read it.
        Ingest labelled = release.restored(event);
        if (labelled.isRefused()) {
            metrics.rejected("unlabelled-foreign");
            return "unlabelled-foreign";
        }
        Instant now = clock.instant();
        CotEvent outbound = labelled.event()
                .withDetail(labelled.event().detail().withoutMarti().withFlowTag(config.nodeId(), now.toString()));
        Delivery delivery = new Delivery(outbound, coalesceKey(event), codec, labelled.label(),
                release.marking(labelled.label()));
        broadcast(null, writeGroups, delivery);
        updatePicture(LatestState.Entry.FOREIGN_SENDER, writeGroups, event, delivery, now);
        listener.routed(outbound, writeGroups, provenance);
        return null;
    }

    /** A client connected: recorded in history, then sent the current picture it may see. */
    public void connected(Session session) {
        history.connected(session);
        sendPicture(session);
    }

    /**
     * A stored event as {@code recipient} may see it now (the history endpoints of the web API):
     * labelled from what it carries, decided by the release guard exactly as live traffic, and
     * shaped by the obligations. Empty when denied, when it carries no readable label while labels
     * are on, or while a delay counted from {@code receivedAt} has not passed.
     */
    public Optional<Delivery> releaseStored(CotEvent event, Instant receivedAt, Session recipient) {
        Ingest in = release.restored(event);
        if (in.isRefused()) {
            return Optional.empty();
        }
        Delivery stored = new Delivery(in.event(), null, codec, in.label(), release.marking(in.label()));
        Verdict verdict = release.decide(stored, recipient);
        Obligations o = verdict.obligations();
        if (!verdict.permitted() || receivedAt.plus(o.delay()).isAfter(clock.instant())) {
            return Optional.empty();
        }
        release.released(stored, recipient, o); // an answer to a query is a release like a delivery
        return Optional.of(stored.variant(o, e -> release.apply(e, o)));
    }

    /** The release side the router decides with (markings and posture for the web API). */
    public ReleaseDecision release() {
        return release;
    }

    /**
     * Sends a newly connected client the current picture it may see, decided exactly as live
     * traffic is: group reachability, then the release guard with its obligations and delays.
     */
    public void sendPicture(Session recipient) {
        List<LatestState.Entry> readable = new ArrayList<>();
        for (LatestState.Entry entry : latest.snapshot(clock.instant())) {
            if (readsFromPicture(recipient, entry)) {
                readable.add(entry);
            }
        }
        // The whole picture is queued before the first write: it gets room of its own in the queue.
        recipient.deliverBurst(readable.size(), () -> readable.forEach(entry -> offer(entry.delivery(), recipient)));
    }

    /**
     * What {@link #sendPicture} would hand {@code recipient} right now, as deliveries shaped by
     * the obligations (coarsened, stripped, pseudonymous), its own items left out. The web API
     * answers {@code /api/contacts} with this, so a browser sees what a TAK client with its groups
     * and clearance sees. Items whose release is delayed are left out: a client would not have
     * them yet either. What it returns counts as released (the first-release audit records it).
     */
    public List<Delivery> visiblePicture(Session recipient) {
        List<Delivery> visible = new ArrayList<>();
        for (LatestState.Entry entry : latest.snapshot(clock.instant())) {
            if (!readsFromPicture(recipient, entry)) {
                continue;
            }
            Verdict verdict = release.decide(entry.delivery(), recipient);
            Obligations o = verdict.obligations();
            if (verdict.permitted() && o.delay().isZero()) {
                visible.add(entry.delivery().variant(o, e -> release.apply(e, o)));
                release.released(entry.delivery(), recipient, o);
            }
        }
        return visible;
    }

    private static boolean readsFromPicture(Session recipient, LatestState.Entry entry) {
        return !entry.isFrom(recipient.id()) && recipient.groups().canRead(entry.senderIn());
    }

    /** A client left: its own report leaves the picture and the others get the disconnect notice. */
    public void disconnected(Session session) {
        history.disconnected(session);
        String uid = session.uid();
        if (uid == null) {
            return;
        }
        LatestState.Entry own = latest.get(uid);
        if (own != null && own.isFrom(session.id())) {
            latest.remove(uid);
        }
        String type = session.selfType() == null ? "a-f-G" : session.selfType();
        Ingest notice = release.label(ControlMessages.disconnectNotice(uid, type, clock.instant()), session);
        if (notice.isRefused()) {
            log.warn("no disconnect notice for {}: {}", session, notice.refusal());
            return;
        }
        broadcast(session, session.groups().in(), new Delivery(notice.event(), null, codec, notice.label(), release.marking(notice.label())));
        // Partners hold the client's last report too: they get the same notice, flow-tagged as routed events are.
        Instant now = clock.instant();
        listener.routed(notice.event().withDetail(notice.event().detail().withFlowTag(config.nodeId(), now.toString())),
                session.groups().in(), null);
    }

    /**
     * A session that never spoke for itself in the picture left (a browser's live feed): recorded
     * in history, but no disconnect notice, since no TAK client ever saw it as a contact.
     */
    public void disconnectedQuietly(Session session) {
        history.disconnected(session);
    }

    /**
     * Puts an item from before a restart back into the picture (from the history store), as if
     * {@code writeGroups} had just broadcast it; ignored when already stale.
     */
    public void restore(CotEvent event, Set<Group> writeGroups) {
        if (event.isStaleAt(clock.instant()) || event.type().isGeoChat() || event.type().isA(CotType.DELETE)) {
            return;
        }
        Ingest in = release.restored(event);
        if (in.isRefused()) {
            log.warn("not restoring {} {}: {}", event.type(), event.uid(), in.refusal());
            return;
        }
        Delivery delivery = new Delivery(in.event(), coalesceKey(event), codec, in.label(), release.marking(in.label()));
        latest.put(event.uid(), new LatestState.Entry(delivery, Set.copyOf(writeGroups), RESTORED, event.stale()));
    }

    /** One item a recipient may no longer hold, as that recipient knew it (its uid after obligations). */
    public record Retraction(String recipient, String uid) {
    }

    /**
     * After a posture change from {@code earlier}: every client that was sent a picture item it may
     * no longer hold gets a {@code t-x-d-d} with {@code <__forcedelete/>} for it; every item it may
     * now hold and could not before is sent (loosening re-sends the releasable state). An item it
     * may still hold under other obligations is sent again as now shaped; when the new shaping is
     * stricter (or the uid changes) the held copy is retracted first. Only the
     * latest picture is re-evaluated: what was never part of it (chat, point-to-point) cannot be
     * recalled. Retraction is a request: a client may have kept a copy.
     */
    public List<Retraction> reevaluate(PostureState earlier) {
        List<Retraction> retracted = new ArrayList<>();
        Instant now = clock.instant();
        List<LatestState.Entry> picture = latest.snapshot(now);
        for (Session s : sessions.all()) {
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

    private void reevaluate(PostureState earlier, LatestState.Entry entry, Session s, Instant now,
                            List<Retraction> retracted) {
        if (entry.isFrom(s.id()) || !s.groups().canRead(entry.senderIn())) {
            return;
        }
        Verdict before = release.decideUnder(earlier, entry.delivery(), s);
        Verdict after = release.decide(entry.delivery(), s);
        if (!before.permitted()) {
            if (after.permitted()) {
                offer(entry.delivery(), s);
            }
            return;
        }
        Obligations was = before.obligations().variant();
        if (after.permitted() && was.equals(after.obligations().variant())) {
            return; // the client holds what it may hold
        }
        CotEvent held = entry.delivery().variant(was, e -> release.apply(e, was)).event();
        // The held copy goes when the recipient may no longer hold it (denied now, or shaped
        // more strictly), or when the new copy has another uid (identity dropped or given
        // back) and would otherwise sit beside it. A looser copy under the same uid simply
        // replaces it on the client.
        boolean remove = !after.permitted() || !was.atLeastAsStrictAs(after.obligations().variant())
                || !held.uid().equals(entry.delivery().variant(after.obligations().variant(),
                        e -> release.apply(e, after.obligations().variant())).event().uid());
        if (remove) {
            s.deliver(new Delivery(ControlMessages.forceDelete(held.uid(), held.type().value(), now), null, codec));
            metrics.dropped("retracted");
            retracted.add(new Retraction(s.identity().name(), held.uid()));
        }
        if (after.permitted()) {
            offer(entry.delivery(), s);
        }
    }

    /** Removes items whose stale time has passed; called periodically. */
    public int expire() {
        return latest.expire(clock.instant());
    }

    private void broadcast(Session sender, Set<Group> writeGroups, Delivery delivery) {
        for (Session s : sessions.all()) {
            if (s != sender && s.groups().canRead(writeGroups)) {
                offer(delivery, s);
            }
        }
    }

    private void deliverPointToPoint(Session sender, Set<Group> writeGroups, Destinations dest, Delivery delivery) {
        int matched = 0;
        for (Session s : sessions.all()) {
            if (s == sender || !isAddressed(s, dest)) {
                continue;
            }
            if (s.groups().canRead(writeGroups) && offer(delivery, s)) {
                matched++;
            }
        }
        if (matched == 0) {
            metrics.dropped("no-recipient");
            log.debug("no reachable recipient for {} {} to {}", delivery.event().type(), delivery.event().uid(), dest);
        }
    }

    /**
     * Asks the release guard about one recipient and hands it what it may have: the event shaped
     * by the obligations (one shared variant per obligation set), now or after the delay.
     */
    private boolean offer(Delivery delivery, Session recipient) {
        Verdict verdict = release.decide(delivery, recipient);
        if (!verdict.permitted()) {
            metrics.dropped("release-denied");
            log.debug("not released to {}: {} {} ({})", recipient, delivery.event().type(), delivery.event().uid(),
                    verdict.reason());
            return false;
        }
        Obligations o = verdict.obligations();
        Delivery shaped = delivery.variant(o, e -> release.apply(e, o));
        if (o.delay().isZero()) {
            recipient.deliver(shaped);
            release.released(delivery, recipient, o);
        } else {
            release.defer(recipient, o.delay(), () -> releaseLate(delivery, shaped, o, recipient));
        }
        return true;
    }

    /**
     * A delayed release asks again when its delay is over: a posture that tightened meanwhile (a
     * denial, or other obligations) withdraws it rather than releasing what is no longer allowed.
     */
    private void releaseLate(Delivery delivery, Delivery shaped, Obligations promised, Session recipient) {
        Verdict now = release.decide(delivery, recipient);
        if (now.permitted() && now.obligations().variant().equals(promised.variant())) {
            recipient.deliver(shaped);
            release.released(delivery, recipient, promised);
        } else {
            metrics.dropped("release-withdrawn");
            log.debug("delayed release of {} {} to {} withdrawn: {}", delivery.event().type(), delivery.event().uid(),
                    recipient, now.reason());
        }
    }

    private static boolean isAddressed(Session s, Destinations dest) {
        String callsign = s.callsign();
        String uid = s.uid();
        return (callsign != null && dest.callsigns().contains(callsign)) || (uid != null && dest.uids().contains(uid));
    }

    private void updatePicture(long senderId, Set<Group> writeGroups, CotEvent event, Delivery delivery, Instant now) {
        if (event.type().isA(CotType.DELETE)) {
            for (Link link : event.detail().links()) {
                link.uid().ifPresent(latest::remove);
            }
            latest.remove(event.uid());
            return;
        }
        if (event.type().isGeoChat() || event.isStaleAt(now)) {
            return;
        }
        if (!latest.put(event.uid(), new LatestState.Entry(delivery, writeGroups, senderId, event.stale()))) {
            metrics.dropped("picture-full");
            log.debug("picture full: {} {} from session {} routed live only", event.type(), event.uid(), senderId);
        }
    }

    /**
     * A client's own report carries a {@code <contact endpoint>} or a {@code <takv>}, which TAK
     * clients always send and gateways relaying other units usually do not; the first such atom
     * names the session (uid and callsign for {@code <marti><dest>} and the disconnect notice).
     */
    private void learnSelf(Session sender, CotEvent event) {
        if (!event.type().isAtom()) {
            return;
        }
        String known = sender.uid();
        boolean selfReport = event.detail().takv() != null
                || event.detail().contactOpt().flatMap(c -> c.endpoint()).isPresent();
        if ((known == null && selfReport) || event.uid().equals(known)) {
            sender.learnSelf(event.uid(), event.detail().callsign().orElse(null), event.type().value());
        }
    }

    private boolean isForbidden(CotType type) {
        for (String prefix : config.forbiddenTypePrefixes()) {
            if (type.isA(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Position reports of one item may replace each other in a slow queue; nothing else may. Every
     * update of an item in the picture gets the uid string of the update before it, so the queues
     * of all recipients compare keys by reference (see {@code OutboundQueue}).
     */
    private String coalesceKey(CotEvent event) {
        if (!event.type().isAtom()) {
            return null;
        }
        String uid = event.uid();
        LatestState.Entry known = latest.get(uid);
        String held = known == null ? null : known.delivery().coalesceKey();
        return uid.equals(held) ? held : uid;
    }

    private void reject(Session sender, CotEvent event, String reason) {
        metrics.rejected(reason);
        log.info("refused {} {} from {}: {}", event.type(), event.uid(), sender, reason);
    }
}
