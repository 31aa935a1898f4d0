package org.kizuna.policy.release;

import java.util.List;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.posture.PostureState;

/**
 * Told once per new (label, clearance, posture version): when the guard decides something it has
 * not decided before. This is what the audit log records of releases, which keeps its volume
 * bounded by the distinct labels and recipients rather than by the traffic. Called on the thread
 * that asks the guard (an event loop): implementations must not block.
 */
@FunctionalInterface
public interface DecisionListener {

    DecisionListener NONE = (labels, clearance, posture, access, rules) -> { };

    /**
     * @param access whether the clearance dominates the label
     * @param rules  names of the posture's rules that cover this label and recipient (empty when
     *               access is denied or no rule covers it: then every event with this label is denied)
     */
    void decided(LabelSet labels, Clearance clearance, PostureState posture, boolean access, List<String> rules);

    /**
     * False once the listener can no longer record decisions (the audit log's writer failed):
     * the guard then denies every release, so nothing leaves the node unaudited. Read per
     * decision: a volatile read at most.
     */
    default boolean recording() {
        return true;
    }
}
