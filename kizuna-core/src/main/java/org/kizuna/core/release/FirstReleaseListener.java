package org.kizuna.core.release;

import org.kizuna.cot.CotEvent;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.release.Obligations;

/**
 * Hears the first release of each object to each recipient (see {@link FirstReleases}), for the
 * audit log. Called on event loops: implementations hand the record to another thread.
 */
@FunctionalInterface
public interface FirstReleaseListener {

    FirstReleaseListener NONE = (recipient, event, labels, obligations) -> { };

    /**
     * @param recipient   the recipient's identity name
     * @param event       the event as labelled at ingest, before the obligations shaped it
     * @param labels      its label set
     * @param obligations what shaped the copy the recipient got
     */
    void firstRelease(String recipient, CotEvent event, LabelSet labels, Obligations obligations);
}
