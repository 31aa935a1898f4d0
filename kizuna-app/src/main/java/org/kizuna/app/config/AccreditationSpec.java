package org.kizuna.app.config;

import java.util.Objects;

/**
 * A partner node's accreditation as written in {@code kizuna.yaml} under
 * {@code policy.accreditations.NAME}: a clearance in this node's policy terms (as a client's),
 * plus the policy the partner works under.
 *
 * @param clearance what the partner may hold, written against this node's policy
 * @param policy    the partner's policy id; empty means the clearance's nation (e.g. {@code USA}).
 *                  When this node's policy has an equivalence to it, the clearance is translated
 *                  into that policy and decisions read labels the way the partner will.
 */
public record AccreditationSpec(ClearanceSpec clearance, String policy) {

    public AccreditationSpec {
        Objects.requireNonNull(clearance, "clearance");
        Objects.requireNonNull(policy, "policy");
    }
}
