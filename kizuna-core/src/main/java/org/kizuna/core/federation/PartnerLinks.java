package org.kizuna.core.federation;

import java.util.List;
import org.kizuna.core.routing.RoutedEvent;

/**
 * What the release boundary asks of the federation after a posture change: the partners, and
 * the two actions on one partner's link. Thread-safe: called from the posture thread.
 */
public interface PartnerLinks {

    List<? extends PartnerEdge> partners();

    /** Asks {@code partner} to remove one of our items, under the uid it knows ({@code uid}). */
    void retract(String partner, String uid, String reason);

    /** Offers one of our items to {@code partner} alone, through the same checks as routed traffic. */
    void offer(String partner, RoutedEvent routed);
}
