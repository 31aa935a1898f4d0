package org.kizuna.core.routing;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.UidBindings;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.cot.detail.FlowTags;
import org.kizuna.cot.proto.TakProtoCodec;

/**
 * What an event must pass before the router routes it, in order: no forbidden type (matched
 * ignoring case, on both wire formats alike: they meet here as one model), no loop back to this
 * node, uids that are the sender's own ({@link Ownership}), destinations this node serves, and a
 * label the release side accepts for this sender. What passes becomes the one
 * {@link RoutedEvent} every sink gets.
 */
final class Admission {

    /** The event admitted, or the reason it was refused ({@code kizuna.events.rejected{reason}}). */
    record Result(RoutedEvent routed, Destinations dest, Refusal refusal, String detail) {

        static Result refused(Refusal reason) {
            return new Result(null, null, reason, reason.reason());
        }

        static Result refused(Ingest ingest) {
            return new Result(null, null, ingest.refusal(), ingest.detail());
        }

        boolean isRefused() {
            return refusal != null;
        }
    }

    private final RoutingConfig config;
    private final ReleaseDecision release;
    private final LatestState latest;
    private final TakProtoCodec codec;
    private final Ownership ownership;

    Admission(RoutingConfig config, ReleaseDecision release, LatestState latest, TakProtoCodec codec,
              UidBindings bindings) {
        this.config = config;
        this.release = release;
        this.latest = latest;
        this.codec = codec;
        this.ownership = new Ownership(bindings, config.partnerNodes(), config.nodeId());
    }

    Result admit(Subscriber sender, CotEvent event, Instant now) {
        Refusal refusal = basics(event);
        if (refusal != null) {
            return Result.refused(refusal);
        }
        refusal = ownership.check(event, sender.identity());
        if (refusal != null) {
            return Result.refused(refusal);
        }
        Destinations dest = Destinations.of(event);
        Set<Group> writeGroups = sender.groups().in();
        if (dest.group() != null) {
            Group narrowed = new Group(dest.group());
            if (!writeGroups.contains(narrowed)) {
                return Result.refused(Refusal.ILLEGAL_GROUP);
            }
            writeGroups = Set.of(narrowed);
        }
        if (dest.unsupported() && !dest.isPointToPoint()) {
            return Result.refused(Refusal.UNSUPPORTED_DESTINATION);
        }
        Ingest ingest = release.label(event, sender.recipient());
        if (ingest.isRefused()) {
            return Result.refused(ingest);
        }
        Origin origin = Origin.local(sender.identity(), writeGroups, dest.isPointToPoint());
        return new Result(routed(ingest, event, origin, now), dest, null, null);
    }

    /** A partner's event: the same type and loop rules; its label was mapped by inbound labelling. */
    Result admitForeign(CotEvent event, Origin origin, Instant now) {
        Refusal refusal = basics(event);
        if (refusal != null) {
            return Result.refused(refusal);
        }
        Ingest labelled = release.restored(event);
        if (labelled.isRefused()) {
            return Result.refused(Refusal.UNLABELLED_FOREIGN);
        }
        return new Result(routed(labelled, event, origin, now), null, null, null);
    }

    private Refusal basics(CotEvent event) {
        if (isForbidden(event.type(), config.forbiddenTypePrefixes())) {
            return Refusal.FORBIDDEN_TYPE;
        }
        FlowTags tags = event.detail().flowTags();
        if (tags != null && tags.contains(config.nodeId())) {
            return Refusal.LOOP;
        }
        return null;
    }

    private RoutedEvent routed(Ingest ingest, CotEvent original, Origin origin, Instant now) {
        CotEvent labelled = ingest.event();
        CotEvent outbound = labelled.withDetail(labelled.detail().withoutMarti().withFlowTag(config.nodeId(), now.toString()));
        return new RoutedEvent(outbound, coalesceKey(original), codec, ingest.label(), release.marking(ingest.label()),
                origin);
    }

    /** Weapons, fires and targeting types never pass, however their case is written. */
    static boolean isForbidden(CotType type, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (type.isAIgnoringCase(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Position reports of one item may replace each other in a slow queue; nothing else may. Every
     * update of an item in the picture gets the uid string of the update before it, so the queues
     * of all recipients compare keys by reference (see the server's {@code OutboundQueue}).
     */
    String coalesceKey(CotEvent event) {
        if (!event.type().isAtom()) {
            return null;
        }
        String uid = event.uid();
        LatestState.Entry known = latest.get(uid);
        String held = known == null ? null : known.routed().coalesceKey();
        return uid.equals(held) ? held : uid;
    }
}
