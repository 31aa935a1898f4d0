package org.kizuna.core.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kizuna.core.identity.BindingJournal;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.IdentitySettings;
import org.kizuna.core.identity.Recipient;
import org.kizuna.core.identity.UidBindings;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.policy.posture.PostureState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who receives each event and hands it on. An event a subscriber (TAK client, browser,
 * web account) or a partner sends passes {@link Admission} and becomes one {@link RoutedEvent};
 * that value goes to every sink: the history store, local subscribers ({@link FanOut}: group
 * reachability, then the {@link Egress} decision per recipient), the latest picture, and
 * federation ({@link RouteListener}, whose partner guard asks the same release side). Explicit
 * destinations (callsign, uid, a direct GeoChat) deliver point-to-point, never past group
 * reachability; everything else is broadcast and becomes part of the latest picture.
 *
 * <p>Runs on the sender's event loop and never blocks: delivery only enqueues.
 */
public final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);
    /** Sender session id of restored items: subscriber ids start at 1, so no live subscriber matches it. */
    private static final long RESTORED = 0;

    private final RoutingConfig config;
    private final Subscribers subscribers;
    private final LatestState latest;
    private final ReleaseDecision release;
    private final HistorySink history;
    private final TakProtoCodec codec;
    private final RoutingMetrics metrics;
    private final Clock clock;
    private final Admission admission;
    private final Egress egress;
    private final FanOut fanOut;
    private final Reevaluation reevaluation;
    private final UidBindings bindings;
    private volatile RouteListener listener = RouteListener.NONE;

    /** A router whose uid bindings live in memory only (tests, benchmarks, nodes built in code). */
    public Router(RoutingConfig config, Subscribers subscribers, LatestState latest, ReleaseDecision release,
                  HistorySink history, TakProtoCodec codec, RoutingMetrics metrics, Clock clock) {
        this(config, subscribers, latest, release, history, codec, metrics, clock,
                new UidBindings(IdentitySettings.DEFAULTS, clock, BindingJournal.NONE));
    }

    /** {@code bindings}: who owns each uid published on this node (kept across restarts by the node). */
    public Router(RoutingConfig config, Subscribers subscribers, LatestState latest, ReleaseDecision release,
                  HistorySink history, TakProtoCodec codec, RoutingMetrics metrics, Clock clock, UidBindings bindings) {
        this.bindings = bindings;
        this.config = config;
        this.subscribers = subscribers;
        this.latest = latest;
        this.release = release;
        this.history = history;
        this.codec = codec;
        this.metrics = metrics;
        this.clock = clock;
        this.admission = new Admission(config, release, latest, codec, bindings);
        this.egress = new Egress(release);
        this.fanOut = new FanOut(subscribers, egress, metrics);
        this.reevaluation = new Reevaluation(subscribers, latest, egress, fanOut, codec, metrics, clock);
    }

    /**
     * Sets the one listener told of every broadcast event (federation links). Wiring only: call it
     * before clients connect; a second call is a mistake.
     */
    public void listen(RouteListener newListener) {
        if (listener != RouteListener.NONE) {
            throw new IllegalStateException("a route listener is already set");
        }
        listener = Objects.requireNonNull(newListener, "listener");
    }

    /** Routes one event a subscriber sent. Control messages never arrive here. */
    public void route(Subscriber sender, CotEvent event) {
        Instant now = clock.instant();
        Admission.Result admitted = admission.admit(sender, event, now);
        if (admitted.isRefused()) {
            metrics.rejected(admitted.refusal());
            log.info("refused {} {} from {}: {}", event.type(), printable(event.uid()), sender.recipient().name(),
                    printable(admitted.detail()));
            return;
        }
        metrics.eventIn();
        learnSelf(sender, event);
        RoutedEvent routed = admitted.routed();
        Destinations dest = admitted.dest();
        Runnable deliver = dest.isPointToPoint()
                ? () -> fanOut.pointToPoint(sender, dest, routed)
                : () -> {
                    fanOut.broadcast(sender, routed.origin().writeGroups(), routed);
                    listener.routed(routed);
                };
        if (event.type().isGeoChat()) {
            // Chat is stored before anyone sees it: a message a recipient read is never missing from history.
            history.routedDurably(routed, deliver);
        } else {
            history.routed(routed);
            deliver.run();
            if (!dest.isPointToPoint()) {
                updatePicture(sender.id(), event, routed, now);
            }
        }
    }

    /**
     * Routes one event a federation partner sent, as if a member of {@code writeGroups} had
     * broadcast it: to every local subscriber that may read it and into the picture. The caller
     * has checked provenance, namespaced the uid and mapped the label. {@code <marti>} addressing
     * is ignored: a partner cannot address our clients directly. Returns the refusal reason, or null.
     */
    public String routeForeign(CotEvent event, Set<Group> writeGroups, Provenance provenance) {
        Instant now = clock.instant();
        Origin origin = Origin.foreign(ClientIdentity.partner(provenance.viaNode()), writeGroups, provenance);
        Admission.Result admitted = admission.admitForeign(event, origin, now);
        if (admitted.isRefused()) {
            metrics.rejected(admitted.refusal());
            return admitted.refusal().reason();
        }
        RoutedEvent routed = admitted.routed();
        fanOut.broadcast(null, writeGroups, routed);
        updatePicture(LatestState.Entry.FOREIGN_SENDER, event, routed, now);
        listener.routed(routed);
        return null;
    }

    /** A subscriber connected: recorded in history, then sent the current picture it may see. */
    public void connected(Subscriber subscriber) {
        history.connected(subscriber);
        sendPicture(subscriber);
    }

    /**
     * Sends a newly connected subscriber the current picture it may see, decided exactly as live
     * traffic is: group reachability, then the egress decision with its obligations and delays.
     */
    public void sendPicture(Subscriber recipient) {
        List<LatestState.Entry> readable = new ArrayList<>();
        for (LatestState.Entry entry : latest.snapshot(clock.instant())) {
            if (!entry.isFrom(recipient.id()) && recipient.groups().canRead(entry.senderIn())) {
                readable.add(entry);
            }
        }
        // The whole picture is queued before the first write: it gets room of its own in the queue.
        recipient.deliverBurst(readable.size(), () -> readable.forEach(entry -> fanOut.offer(entry.routed(), recipient)));
    }

    /**
     * What {@code recipient} may see of the current picture right now, shaped by the obligations
     * (coarsened, stripped, pseudonymous): the web API's {@code /api/contacts}. Items whose
     * release is delayed are left out: a client would not have them yet either. What it returns
     * counts as released (the first-release audit records it).
     */
    public List<RoutedEvent> visiblePicture(Recipient recipient) {
        List<RoutedEvent> visible = new ArrayList<>();
        for (LatestState.Entry entry : latest.snapshot(clock.instant())) {
            if (recipient.groups().canRead(entry.senderIn())) {
                egress.releaseNow(entry.routed(), recipient).ifPresent(visible::add);
            }
        }
        return visible;
    }

    /**
     * A stored event as {@code recipient} may see it now (the history endpoints of the web API):
     * labelled from what it carries, decided by the egress exactly as live traffic, and shaped by
     * the obligations. Empty when denied, when it carries no readable label while labels are on,
     * or while a delay counted from {@code receivedAt} has not passed.
     */
    public Optional<RoutedEvent> releaseStored(CotEvent event, Instant receivedAt, Origin origin, Recipient recipient) {
        Ingest in = release.restored(event);
        if (in.isRefused()) {
            return Optional.empty();
        }
        RoutedEvent stored = new RoutedEvent(in.event(), null, codec, in.label(), release.marking(in.label()), origin);
        return egress.releaseStored(stored, receivedAt, clock.instant(), recipient);
    }

    /** The release side the router decides with (markings and posture for the web API). */
    public ReleaseDecision release() {
        return release;
    }

    /** Who owns each uid published on this node. */
    public UidBindings bindings() {
        return bindings;
    }

    /** The latest picture (read-only use: REST views look items up in it). */
    public LatestState picture() {
        return latest;
    }

    /** The one egress decision, for edges outside the router (REST views, Marti endpoints). */
    public Egress egress() {
        return egress;
    }

    /**
     * A subscriber left: its own report leaves the picture, and whoever could read that report
     * gets the disconnect notice under the report's own label and shaping (a recipient that knew
     * the item by a pseudonym is told the pseudonym), partners too. Without a report in the
     * picture there is nothing to remove and no notice.
     */
    public void disconnected(Subscriber subscriber) {
        history.disconnected(subscriber);
        String uid = subscriber.uid();
        if (uid == null) {
            return;
        }
        LatestState.Entry own = latest.get(uid);
        if (own == null || !own.isFrom(subscriber.id())) {
            return;
        }
        latest.remove(uid);
        String type = subscriber.selfType() == null ? "a-f-G" : subscriber.selfType();
        Instant now = clock.instant();
        CotEvent notice = Notices.disconnectNotice(uid, type, now);
        notice = notice.withDetail(notice.detail().withFlowTag(config.nodeId(), now.toString()));
        RoutedEvent routed = own.routed().about(release.relabel(notice, own.routed().label()), null);
        fanOut.broadcast(subscriber, own.senderIn(), routed);
        listener.routed(routed);
    }

    /**
     * A subscriber that never spoke for itself in the picture left (a browser's live feed):
     * recorded in history, but no disconnect notice, since no TAK client ever saw it as a contact.
     */
    public void disconnectedQuietly(Subscriber subscriber) {
        history.disconnected(subscriber);
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
            log.warn("not restoring {} {}: {}", event.type(), event.uid(), in.detail());
            return;
        }
        RoutedEvent routed = new RoutedEvent(in.event(), admission.coalesceKey(event), codec, in.label(),
                release.marking(in.label()), new Origin(null, writeGroups, false, null));
        latest.put(event.uid(), new LatestState.Entry(routed, Set.copyOf(writeGroups), RESTORED, event.stale()));
    }

    /** What a client sent, for a log line: control characters cannot start a forged line. */
    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    /** One item a recipient may no longer hold, as that recipient knew it (its uid after obligations). */
    public record Retraction(String recipient, String uid) {
    }

    /**
     * After a posture change from {@code earlier}: every subscriber that was sent a picture item
     * it may no longer hold gets a forced delete for it, every item it may now hold and could not
     * before is sent, and an item it may still hold under other obligations is sent again as now
     * shaped (see {@link Reevaluation}). Returns the retractions, for the audit log.
     */
    public List<Retraction> reevaluate(PostureState earlier) {
        return reevaluation.reevaluate(earlier);
    }

    /** Removes items whose stale time has passed; called periodically. */
    public int expire() {
        return latest.expire(clock.instant());
    }

    private void updatePicture(long senderId, CotEvent event, RoutedEvent routed, Instant now) {
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
        Set<Group> writeGroups = routed.origin().writeGroups();
        if (!latest.put(event.uid(), new LatestState.Entry(routed, writeGroups, senderId, event.stale()))) {
            metrics.dropped(Drop.PICTURE_FULL);
            log.debug("picture full: {} {} from {} routed live only", event.type(), event.uid(), senderId);
        }
    }

    /**
     * A client's own report carries a {@code <contact endpoint>} or a {@code <takv>}, which TAK
     * clients always send and gateways relaying other units do not; the first such atom names
     * the subscriber (uid and callsign for {@code <marti><dest>} and the disconnect notice). The
     * uid is the sender's own (admission checked its binding); a callsign another identity's
     * subscriber already answers to is not taken over, so nobody receives another's direct
     * messages by announcing its callsign.
     */
    private void learnSelf(Subscriber sender, CotEvent event) {
        if (!event.type().isAtom()) {
            return;
        }
        String known = sender.uid();
        boolean selfReport = event.detail().takv() != null
                || event.detail().contactOpt().flatMap(c -> c.endpoint()).isPresent();
        if ((known == null && selfReport) || event.uid().equals(known)) {
            String callsign = event.detail().callsign().orElse(null);
            if (callsign != null && !callsign.equals(sender.callsign()) && answeredByAnother(callsign, sender)) {
                log.info("{} announced callsign {}, which another identity's client answers to: not taken",
                        sender.recipient().name(), callsign);
                callsign = null;
            }
            sender.learnSelf(event.uid(), callsign, event.type().value());
        }
    }

    private boolean answeredByAnother(String callsign, Subscriber sender) {
        for (Subscriber s : subscribers.all()) {
            if (s != sender && callsign.equals(s.callsign()) && !s.identity().name().equals(sender.identity().name())) {
                return true;
            }
        }
        return false;
    }
}
