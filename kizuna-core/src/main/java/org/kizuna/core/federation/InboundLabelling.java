package org.kizuna.core.federation;

import java.util.Map;
import org.kizuna.cot.CotEvent;

/**
 * The seam where an event from a partner gains its local meaning before any local client sees it:
 * the policy checks the originator's label, adds this node's alternative label through its
 * equivalence tables, and refuses (counted, never silently) an event it cannot map. Called on the
 * link's thread after provenance checks and before the router.
 *
 * <p>{@link #ACCEPT_ALL} keeps the event unchanged: tests and labs only.
 */
@FunctionalInterface
public interface InboundLabelling {

    InboundLabelling ACCEPT_ALL = (event, partner, originatorLabel, alternativeLabels) -> Admission.accept(event);

    /**
     * @param event             the event as the partner sent it, uid already namespaced
     * @param partner           the partner that sent it
     * @param originatorLabel   the originator's label as it travelled (opaque bytes)
     * @param alternativeLabels the alternative labels as they travelled, by policy id
     */
    Admission admit(CotEvent event, PartnerEdge partner, byte[] originatorLabel, Map<String, byte[]> alternativeLabels);

    /**
     * A partner's retraction, already turned into a forced delete ({@code t-x-d-d} with
     * {@code <__forcedelete/>}) of the namespaced item it names. It travels without a label: the
     * labelling decides which label the delete carries (the item's own, so that it reaches the
     * clients that could see the item) and records it. By default it is treated as an event
     * with no label.
     */
    default Admission retraction(CotEvent forcedDelete, PartnerEdge partner, String reason) {
        return admit(forcedDelete, partner, new byte[0], Map.of());
    }

    /** Let the event in (possibly rewritten, e.g. carrying the local label), or refuse it with a reason. */
    record Admission(CotEvent event, String refusal) {
        public Admission {
            if ((event == null) == (refusal == null)) {
                throw new IllegalArgumentException("an admission has either an event or a refusal");
            }
        }

        public static Admission accept(CotEvent event) {
            return new Admission(event, null);
        }

        public static Admission refuse(String reason) {
            return new Admission(null, reason);
        }
    }
}
