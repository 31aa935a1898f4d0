package org.kizuna.core.routing;

import java.util.Collection;
import java.util.Optional;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.identity.Recipient;
import org.kizuna.cot.CotEvent;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.LabelKey;
import org.kizuna.policy.release.Obligations;
import org.kizuna.policy.release.Verdict;

/**
 * The seam for the release guard, on both sides of the router:
 * <ul>
 *   <li>at ingest, {@link #label} gives every event its label (the one it carries, or its
 *       sender's default) and refuses a label the sender may not write;</li>
 *   <li>for every candidate recipient after group reachability, {@link #decide} answers permit
 *       or deny with obligations; the router shapes the event with {@link #apply} (once per
 *       obligation variant, shared by every recipient of that variant) and holds delayed
 *       releases back with {@link #defer}.</li>
 * </ul>
 * {@link #PERMIT_ALL} is the streaming core's behaviour: no labels, everything group-reachable
 * is released.
 */
public interface ReleaseDecision {

    ReleaseDecision PERMIT_ALL = (delivery, recipient) -> Verdict.PERMIT;

    /** Labels {@code event} from {@code sender}. Runs on the sender's event loop; must not block. */
    default Ingest label(CotEvent event, Recipient sender) {
        return Ingest.unlabelled(event);
    }

    /**
     * {@code event} (a notice the node makes about an item) carrying the item's {@code label} as
     * a client-sent event would, so TAK clients see it marked; without labels, unchanged.
     */
    default CotEvent relabel(CotEvent event, LabelKey label) {
        return event;
    }

    /** Labels an event read back from the history store (its label was written into it at ingest). */
    default Ingest restored(CotEvent event) {
        return Ingest.unlabelled(event);
    }

    Verdict decide(RoutedEvent delivery, Recipient recipient);

    /** The decision {@code recipient} got under an earlier posture; without postures, the same as now. */
    default Verdict decideUnder(PostureState earlier, RoutedEvent delivery, Recipient recipient) {
        return decide(delivery, recipient);
    }

    /**
     * {@code delivery} was handed to {@code recipient} under {@code obligations} (after its delay,
     * if it had one): for the audit of first releases. On the router's thread; must not block.
     */
    default void released(RoutedEvent delivery, Recipient recipient, Obligations obligations) {
    }

    /**
     * False only when {@code recipient} (its identity) was certainly never handed a copy named
     * {@code uid} (the item's uid, or the pseudonym it was released under): a retraction naming
     * it would tell the recipient of what it was never sent, or link a pseudonym to a uid. Without
     * that knowledge, true.
     */
    default boolean mayHaveHanded(Recipient recipient, String uid) {
        return true;
    }

    /** {@code event} shaped by {@code obligations} (strip, coarsen, drop identity). */
    default CotEvent apply(CotEvent event, Obligations obligations) {
        if (obligations.altersEvent()) {
            throw new IllegalStateException("this release decision cannot apply " + obligations);
        }
        return event;
    }

    /** The markings people see for {@code label} (null, or labels off: none). */
    default LabelMarking marking(LabelKey label) {
        return null;
    }

    /**
     * The banner of the label that dominates every label named by {@code markingIds} (ids of
     * {@link #marking}s), by the policy's rules for aggregates; empty without labels.
     *
     * @throws IllegalArgumentException naming an id this node does not know (it never rendered that label)
     */
    default Optional<String> dominantBanner(Collection<String> markingIds) {
        return Optional.empty();
    }

    /** The coarsest grid (metres) any release rule may snap a position to; 0 without labels. */
    default double maxCoarsenMetres() {
        return 0;
    }

    /** The posture in force; empty without labels. */
    default Optional<PostureState> posture() {
        return Optional.empty();
    }

    /**
     * {@code identity} with {@code groups} as the release boundary decides for it: with its
     * clearance resolved once here, not per delivery. Without labels, no clearance.
     */
    default Recipient recipient(ClientIdentity identity, GroupMembership groups) {
        return Recipient.unlabelled(identity, groups);
    }
}
