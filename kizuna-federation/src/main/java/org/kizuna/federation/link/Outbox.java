package org.kizuna.federation.link;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.core.federation.Release;
import org.kizuna.core.federation.ReleaseStamp;
import org.kizuna.core.identity.Group;
import org.kizuna.core.routing.Provenance;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.FlowTags;
import org.kizuna.federation.FederationMetrics;
import org.kizuna.federation.LinkSettings;
import org.kizuna.federation.Partner;
import org.kizuna.federation.wire.FederationProtocol.AlternativeLabel;
import org.kizuna.federation.wire.FederationProtocol.EventEnvelope;
import org.kizuna.federation.wire.FederationProtocol.Frame;
import org.kizuna.federation.wire.FederationProtocol.Retraction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What goes into one partner's outbound log: group reachability, no way back, no transitive
 * relay beyond the configured hops, then the release guard; what passes becomes an envelope,
 * queued with the guard's release stamp ({@link ReleaseAtSend} asks again when it is sent).
 * Runs on router threads; the log is thread-safe.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final String localNode;
    private final Partner partner;
    private final LinkSettings settings;
    private final PartnerRelease release;
    private final FederationMetrics metrics;
    private final OutboundLog outbound;
    private final AtomicLong refusedFull = new AtomicLong();
    private final AtomicLong journalErrors = new AtomicLong();

    private final BiConsumer<Routed, Duration> later;

    /** @param later holds a routed event back for a delay, then offers it with {@link #offerDue} */
    Outbox(String localNode, Partner partner, LinkSettings settings, PartnerRelease release, FederationMetrics metrics,
           OutboundLog outbound, BiConsumer<Routed, Duration> later) {
        this.later = later;
        this.localNode = localNode;
        this.partner = partner;
        this.settings = settings;
        this.release = release;
        this.metrics = metrics;
        this.outbound = outbound;
    }

    /** True when a frame was appended (the link should pump). */
    boolean offer(Routed routed) {
        return offer(routed, false);
    }

    /** Offers an event whose release delay has passed: the guard decides again, the delay served. */
    boolean offerDue(Routed routed) {
        return offer(routed, true);
    }

    private boolean offer(Routed routed, boolean due) {
        if (!mayCarry(routed)) {
            return false;
        }
        Provenance from = routed.provenance();
        Release decision = due ? release.decideWhenDue(routed.routed(), partner)
                : release.decide(routed.routed(), partner);
        if (decision.isLater() && !due) {
            later.accept(routed, decision.delay()); // outside the ordered log: nothing behind it waits
            return false;
        }
        if (!decision.permitted()) {
            metrics.outboundDropped(partner.nodeId(), decision.refusal());
            return false;
        }
        // A relayed item goes out under its origin's uid, unless the guard renamed it (a pseudonym
        // when identity is dropped): restoring the origin's uid would undo that obligation.
        boolean renamed = !decision.event().uid().equals(routed.event().uid());
        CotEvent sent = from == null || renamed ? decision.event()
                : ForeignUids.unpresent(decision.event(), from.originNode(), from.originUid());
        EventEnvelope.Builder envelope = envelope(routed, decision, sent, from);
        String coalesceKey = sent.type().isAtom() ? envelope.getOriginNode() + ForeignUids.SEPARATOR + sent.uid() : null;
        // The stamp goes with the frame: the guard is asked again when the link sends it.
        return append(coalesceKey, seq -> Frame.newBuilder().setEvent(envelope.setSequence(seq)).build(),
                decision.stamp(), sent.type() + " " + sent.uid());
    }

    boolean retract(String originUid, String reason) {
        return append(null, seq -> Frame.newBuilder().setRetraction(Retraction.newBuilder()
                .setSequence(seq).setOriginNode(localNode).setOriginUid(originUid).setReason(reason)).build(),
                null, "retraction of " + originUid);
    }

    /** Appends to the log; a journal that cannot be written refuses the frame, counted and logged (not per frame). */
    private boolean append(String coalesceKey, java.util.function.LongFunction<Frame> frame, ReleaseStamp stamp,
                           String what) {
        OutboundLog.Append result;
        try {
            result = outbound.append(coalesceKey, frame, stamp);
        } catch (java.io.UncheckedIOException e) {
            metrics.outboundDropped(partner.nodeId(), "journal-error");
            if (journalErrors.getAndIncrement() % 1000 == 0) {
                log.error("cannot journal {} for partner {}: not sent (counted in kizuna.federation.outbound.dropped"
                        + "{reason=journal-error})", what, partner, e);
            }
            return false;
        }
        return counted(result, what);
    }

    private boolean mayCarry(Routed routed) {
        if (!reaches(routed.writeGroups())) {
            return false;
        }
        FlowTags tags = routed.event().detail().flowTags();
        if (tags != null && tags.contains(partner.nodeId())) {
            return false; // it came from there
        }
        Provenance from = routed.provenance();
        return from == null || (!from.viaNodes().contains(partner.nodeId()) && from.hops() + 1 <= settings.maxRelayHops());
    }

    private boolean reaches(Set<Group> writeGroups) {
        for (Group g : writeGroups) {
            if (partner.outboundGroups().contains(g)) {
                return true;
            }
        }
        return false;
    }

    private EventEnvelope.Builder envelope(Routed routed, Release decision, CotEvent sent, Provenance from) {
        List<String> via = new ArrayList<>(from == null ? List.of() : from.viaNodes());
        via.add(localNode);
        EventEnvelope.Builder b = EventEnvelope.newBuilder()
                .setOriginNode(from == null ? localNode : from.originNode())
                .setOriginUid(sent.uid())
                .setOriginatorLabel(ByteString.copyFrom(decision.originatorLabel()))
                .addAllViaNodes(via)
                .setHops(from == null ? 0 : from.hops() + 1)
                .setDurable(!sent.type().isAtom())
                // The bytes are never modified after encoding: safe to wrap without a copy.
                .setTakMessage(UnsafeByteOperations.unsafeWrap(routed.takBytes(sent, decision.copy())));
        decision.alternativeLabels().forEach((policy, label) -> b.addAlternativeLabels(AlternativeLabel.newBuilder()
                .setPolicyId(policy).setLabel(ByteString.copyFrom(label))));
        return b;
    }

    private boolean counted(OutboundLog.Append result, String what) {
        switch (result) {
            case FULL -> {
                metrics.outboundDropped(partner.nodeId(), "log-full");
                if (refusedFull.getAndIncrement() % 1000 == 0) {
                    log.warn("outbound log for partner {} is full of unacknowledged durable frames ({}): {} not sent "
                            + "(counted in kizuna.federation.outbound.dropped{reason=log-full})", partner,
                            settings.logCapacity(), what);
                }
                return false;
            }
            case EVICTED -> metrics.outboundDropped(partner.nodeId(), "position-evicted");
            default -> {
            }
        }
        return true;
    }
}
