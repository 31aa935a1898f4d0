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
 * @param detail  with a refusal: what the log line says of it
 */
public record Ingest(CotEvent event, LabelKey label, Refusal refusal, String detail) {

    public Ingest {
        Objects.requireNonNull(event, "event");
    }

    public static Ingest unlabelled(CotEvent event) {
        return new Ingest(event, null, null, null);
    }

    public static Ingest labelled(CotEvent event, LabelKey label) {
        return new Ingest(event, Objects.requireNonNull(label, "label"), null, null);
    }

    public static Ingest refused(CotEvent event, Refusal reason) {
        return refused(event, reason, reason.reason());
    }

    /** Refused, with words for the log line beyond the reason. */
    public static Ingest refused(CotEvent event, Refusal reason, String detail) {
        return new Ingest(event, null, Objects.requireNonNull(reason, "reason"), detail);
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
