package org.kizuna.policy.release;

import org.kizuna.policy.access.Clearance;

/**
 * A clearance as the decision cache sees it: made once per session or partner by
 * {@link ReleaseGuard#key(Clearance)}, interned; equality is identity on purpose.
 */
public final class ClearanceKey {

    private final Clearance clearance;
    private final int hash;

    ClearanceKey(Clearance clearance) {
        this.clearance = clearance;
        this.hash = clearance.hashCode();
    }

    public Clearance clearance() {
        return clearance;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "ClearanceKey" + clearance;
    }
}
