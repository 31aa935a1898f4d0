package org.kizuna.core.federation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.kizuna.cot.CotEvent;
import org.kizuna.policy.access.AccessControl;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.access.LabelTranslator;
import org.kizuna.policy.cot.EventLabels;
import org.kizuna.policy.label.LabelFormatException;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.spec.Equivalence;
import org.kizuna.policy.spec.SecurityPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a partner's event its local meaning before any local client sees it. The originator's
 * label stays the originator (never overwritten); this node's own label is added beside it,
 * translated through this policy's equivalence to the originator's policy read backwards, and
 * the alternatives under our other partners' policies are computed from it. Alternatives the
 * partner sent are not trusted (they are its reading, not ours) and are dropped, as a local
 * sender's are. The set is written into the event's {@code <__seclabel>}, where
 * {@code Router.routeForeign} reads it.
 *
 * <p>Refused (counted as {@code kizuna.federation.inbound.refused{partner,reason}}, logged by
 * the link): no label ({@code unlabelled}), an unreadable one ({@code bad-label}), one with no
 * mapping into our policy ({@code no-label-mapping}), and one the partner's own accreditation
 * does not dominate ({@code label-above-accreditation}): a partner cannot hand us what it may not
 * hold itself.
 *
 * <p>A retraction carries no label: its forced delete takes the label of the item it removes, so
 * it reaches exactly the clients that could see the item; it is recorded in the audit log.
 */
public final class PartnerLabels implements InboundLabelling {

    private static final Logger log = LoggerFactory.getLogger(PartnerLabels.class);

    private final SecurityPolicy policy;
    private final EventLabels eventLabels;
    private final AccessControl access;
    private final Map<String, Clearance> clearances;
    private final Function<String, Optional<LabelSet>> heldLabel;
    private final AuditTrail audit;
    /** Our equivalences read backwards: the partner's policy id to a translation into ours. */
    private final Map<String, Equivalence> intoOurs = new HashMap<>();

    /**
     * @param heldLabel the labels of the picture item with a given (namespaced) uid, if held
     */
    public PartnerLabels(SecurityPolicy policy, AccessControl access, Map<String, Clearance> clearances,
                  Function<String, Optional<LabelSet>> heldLabel, AuditTrail audit) {
        this.policy = policy;
        this.eventLabels = new EventLabels(policy);
        this.access = access;
        this.clearances = Map.copyOf(clearances);
        this.heldLabel = heldLabel;
        this.audit = audit;
        policy.equivalences().values().forEach(eq -> intoOurs.put(eq.policyId(), inverse(policy, eq)));
    }

    @Override
    public Admission admit(CotEvent event, PartnerEdge partner, byte[] originatorLabel, Map<String, byte[]> alternativeLabels) {
        SecurityLabel originator;
        try {
            if (originatorLabel.length == 0) {
                return Admission.refuse("unlabelled");
            }
            originator = EnvelopeLabels.readOriginator(originatorLabel);
        } catch (LabelFormatException | IllegalArgumentException e) {
            log.info("label of {} from partner {} unreadable: {}", event.uid(), partner.nodeId(), e.getMessage());
            return Admission.refuse("bad-label");
        }
        Optional<LabelSet> labels = localSet(originator);
        if (labels.isEmpty()) {
            return Admission.refuse("no-label-mapping");
        }
        Clearance accreditation = clearances.get(partner.nodeId());
        if (accreditation == null || !access.permits(accreditation, labels.get())) {
            return Admission.refuse("label-above-accreditation");
        }
        return Admission.accept(eventLabels.write(event, labels.get()));
    }

    @Override
    public Admission retraction(CotEvent forcedDelete, PartnerEdge partner, String reason) {
        String item = forcedDelete.detail().links().stream().map(l -> l.uid().orElse("")).findFirst().orElse("");
        Optional<LabelSet> held = heldLabel.apply(item);
        audit.append("retraction-received", partner.nodeId(), item + (held.isPresent() ? "" : " (not held)") + ": " + reason);
        if (held.isEmpty()) {
            return Admission.refuse("retraction-not-held");
        }
        return Admission.accept(eventLabels.write(forcedDelete, held.get()));
    }

    /** The originator label with ours beside it, or empty when it has no meaning under our policy. */
    Optional<LabelSet> localSet(SecurityLabel originator) {
        SecurityLabel ours;
        if (originator.policyId().equals(policy.id())) {
            ours = originator;
        } else {
            Equivalence back = intoOurs.get(originator.policyId());
            if (back == null) {
                return Optional.empty();
            }
            Optional<SecurityLabel> t = LabelTranslator.translate(originator, back);
            if (t.isEmpty()) {
                return Optional.empty();
            }
            ours = t.get();
        }
        if (!policy.problems(ours).isEmpty()) {
            return Optional.empty();
        }
        LabelSet set = LabelSet.of(originator);
        if (ours != originator) {
            set = set.withAlternative(ours);
        }
        for (Equivalence eq : policy.equivalences().values()) {
            if (!eq.policyId().equals(originator.policyId())) {
                Optional<SecurityLabel> alt = LabelTranslator.translate(ours, eq);
                if (alt.isPresent()) {
                    set = set.withAlternative(alt.get());
                }
            }
        }
        return Optional.of(set);
    }

    /**
     * Our equivalence to a partner's policy read backwards. Where two of our classifications map
     * to one of theirs, theirs reads as the higher of ours: never less protection than either.
     */
    public static Equivalence inverse(SecurityPolicy policy, Equivalence eq) {
        Map<String, String> classes = new HashMap<>();
        eq.classifications().forEach((ours, theirs) -> classes.merge(theirs, ours,
                (a, b) -> policy.rank(a) >= policy.rank(b) ? a : b));
        Map<String, String> tags = new HashMap<>();
        eq.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> tags.putIfAbsent(e.getValue(), e.getKey()));
        return new Equivalence(policy.id(), classes, tags);
    }
}
