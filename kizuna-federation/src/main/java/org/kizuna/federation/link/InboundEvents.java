package org.kizuna.federation.link;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kizuna.core.federation.InboundLabelling;
import org.kizuna.core.routing.Provenance;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.cot.Detail;
import org.kizuna.cot.detail.FlowTags;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.federation.FederationMetrics;
import org.kizuna.federation.Partner;
import org.kizuna.federation.wire.FederationProtocol.AlternativeLabel;
import org.kizuna.federation.wire.FederationProtocol.ErrorCode;
import org.kizuna.federation.wire.FederationProtocol.EventEnvelope;
import org.kizuna.federation.wire.FederationProtocol.Retraction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a partner's events in, or refuses them (counted under the wire's error code, logged): the
 * provenance must be believable, the TAK message must decode and match its envelope, and the
 * labelling seam must admit it. What passes is namespaced ({@link ForeignUids}) and routed.
 *
 * <p>Provenance rules: nothing may claim to come from this node or to have passed through it
 * (that is a loop); the partner must be the last node on the path; an event from a third node is
 * let in only when this partner is configured to relay that far ({@link Partner#acceptRelayHops()})
 * and the path starts at that origin. Link thread only.
 */
public final class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private final String localNode;
    private final Partner partner;
    private final TakProtoCodec codec;
    private final InboundLabelling labelling;
    private final ForeignIngest ingest;
    private final FederationMetrics metrics;
    private final Clock clock;

    /** Builds the inbound side of one partner's link. */
    @FunctionalInterface
    public interface Factory {
        InboundEvents create(Partner partner);
    }

    /** The factory every link of a node shares. */
    public static Factory factory(String localNode, TakProtoCodec codec, InboundLabelling labelling, ForeignIngest ingest,
                                  FederationMetrics metrics, Clock clock) {
        return partner -> new InboundEvents(localNode, partner, codec, labelling, ingest, metrics, clock);
    }

    InboundEvents(String localNode, Partner partner, TakProtoCodec codec, InboundLabelling labelling,
                  ForeignIngest ingest, FederationMetrics metrics, Clock clock) {
        this.localNode = localNode;
        this.partner = partner;
        this.codec = codec;
        this.labelling = labelling;
        this.ingest = ingest;
        this.metrics = metrics;
        this.clock = clock;
    }

    void event(EventEnvelope envelope) {
        ErrorCode provenanceProblem = checkProvenance(envelope.getOriginNode(), envelope.getViaNodesList(),
                envelope.getHops());
        if (provenanceProblem != null) {
            refuse(envelope.getOriginNode(), envelope.getOriginUid(), provenanceProblem, "path " + envelope.getViaNodesList());
            return;
        }
        CotEvent event;
        try {
            event = codec.decode(envelope.getTakMessage().toByteArray());
        } catch (CotDecodeException e) {
            refuse(envelope.getOriginNode(), envelope.getOriginUid(), ErrorCode.BAD_EVENT, e.getMessage());
            return;
        }
        if (!event.uid().equals(envelope.getOriginUid())) {
            refuse(envelope.getOriginNode(), envelope.getOriginUid(), ErrorCode.BAD_EVENT, "uid " + event.uid()
                    + " differs from the envelope's");
            return;
        }
        FlowTags tags = event.detail().flowTags();
        if (tags != null && tags.contains(localNode)) {
            refuse(envelope.getOriginNode(), envelope.getOriginUid(), ErrorCode.LOOP, "our flow tag is on it");
            return;
        }
        Map<String, byte[]> alternatives = new LinkedHashMap<>();
        for (AlternativeLabel a : envelope.getAlternativeLabelsList()) {
            alternatives.put(a.getPolicyId(), a.getLabel().toByteArray());
        }
        admit(event, envelope.getOriginNode(), envelope.getOriginUid(), envelope.getOriginatorLabel().toByteArray(),
                alternatives, new Provenance(partner.nodeId(), envelope.getOriginNode(), envelope.getOriginUid(),
                        envelope.getViaNodesList(), envelope.getHops()));
    }

    /** A retraction becomes a forced delete of the namespaced item for local clients. */
    void retraction(Retraction retraction) {
        String origin = retraction.getOriginNode();
        if (origin.equals(localNode)) {
            refuse(origin, retraction.getOriginUid(), ErrorCode.ORIGIN_SELF, "retraction");
            return;
        }
        if (!origin.equals(partner.nodeId()) && partner.acceptRelayHops() == 0) {
            refuse(origin, retraction.getOriginUid(), ErrorCode.RELAY_REFUSED, "retraction of a third node's item");
            return;
        }
        Instant now = clock.instant();
        CotEvent delete = CotEvent.builder(retraction.getOriginUid(), CotType.DELETE.value())
                .how("h-g-i-g-o")
                .times(now, now.plusSeconds(20))
                .detail(Detail.builder()
                        .links(List.of(new Link(Attributes.of("uid", retraction.getOriginUid(), "relation", "none",
                                "type", "none"))))
                        .unknown(List.of("<__forcedelete/>"))
                        .build())
                .build();
        admit(delete, origin, retraction.getOriginUid(),
                presented -> labelling.retraction(presented, partner, retraction.getReason()),
                new Provenance(partner.nodeId(), origin, retraction.getOriginUid(), List.of(origin), 0));
    }

    private void admit(CotEvent event, String origin, String originUid, byte[] label, Map<String, byte[]> alternatives,
                       Provenance provenance) {
        admit(event, origin, originUid, presented -> labelling.admit(presented, partner, label, alternatives), provenance);
    }

    private void admit(CotEvent event, String origin, String originUid,
                       java.util.function.Function<CotEvent, InboundLabelling.Admission> labelled, Provenance provenance) {
        CotEvent presented;
        try {
            presented = ForeignUids.present(event, origin);
        } catch (IllegalArgumentException e) {
            refuse(origin, originUid, ErrorCode.BAD_EVENT, e.getMessage());
            return;
        }
        InboundLabelling.Admission admission = labelled.apply(presented);
        if (admission.refusal() != null) {
            metrics.inboundRefused(partner.nodeId(), admission.refusal());
            log.info("refused {} {} from partner {}: {}", event.type(), originUid, partner, admission.refusal());
            return;
        }
        String refusal = ingest.route(admission.event(), partner.inboundGroups(), provenance);
        if (refusal != null) {
            metrics.inboundRefused(partner.nodeId(), refusal);
            log.info("router refused {} {} from partner {}: {}", event.type(), originUid, partner, refusal);
            return;
        }
        metrics.eventIn(partner.nodeId());
    }

    /** The problem with a claimed path, or {@code null} when it is believable. */
    ErrorCode checkProvenance(String origin, List<String> via, int hops) {
        if (origin.equals(localNode)) {
            return ErrorCode.ORIGIN_SELF;
        }
        if (via.contains(localNode)) {
            return ErrorCode.LOOP;
        }
        if (via.isEmpty() || !via.get(via.size() - 1).equals(partner.nodeId()) || !via.get(0).equals(origin)
                || via.size() != hops + 1) {
            return ErrorCode.PROTOCOL_VIOLATION;
        }
        if (!origin.equals(partner.nodeId()) && hops > partner.acceptRelayHops()) {
            return ErrorCode.RELAY_REFUSED;
        }
        return null;
    }

    private void refuse(String origin, String uid, ErrorCode code, String detail) {
        String reason = code.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        metrics.inboundRefused(partner.nodeId(), reason);
        log.warn("refused event {} of {} from partner {}: {} ({})", uid, origin, partner, code, detail);
    }
}
