package org.kizuna.policy.release;

import org.kizuna.policy.label.LabelSet;

/**
 * A label set as the decision cache sees it: made once per event by {@link ReleaseGuard#key},
 * interned, so that cache lookups hash an int and compare references instead of walking the
 * label's categories for every recipient. Equality is identity on purpose.
 */
public final class LabelKey {

    private final LabelSet labels;
    private final int hash;

    LabelKey(LabelSet labels) {
        this.labels = labels;
        this.hash = labels.hashCode();
    }

    public LabelSet labels() {
        return labels;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "LabelKey" + labels;
    }
}
