package org.kizuna.core.routing;

import java.util.Objects;
import org.kizuna.cot.CotEvent;
import org.kizuna.policy.release.LabelKey;

/**
 * An event as it enters the router: with its label written into it and the label's cache key,
 * or refused with a reason (for the counter and the log).
 *
 * @param label   null when labels are off
 * @param refusal null unless refused
 */
public record Ingest(CotEvent event, LabelKey label, String refusal) {

    public Ingest {
        Objects.requireNonNull(event, "event");
    }

    public static Ingest unlabelled(CotEvent event) {
        return new Ingest(event, null, null);
    }

    public static Ingest labelled(CotEvent event, LabelKey label) {
        return new Ingest(event, Objects.requireNonNull(label, "label"), null);
    }

    public static Ingest refused(CotEvent event, String reason) {
        return new Ingest(event, null, Objects.requireNonNull(reason, "reason"));
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
