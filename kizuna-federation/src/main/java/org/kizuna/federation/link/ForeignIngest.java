package org.kizuna.federation.link;

import java.util.Set;
import org.kizuna.core.identity.Group;
import org.kizuna.core.routing.Provenance;
import org.kizuna.cot.CotEvent;

/** Where accepted partner events go: the local router ({@code Router::routeForeign}). */
@FunctionalInterface
public interface ForeignIngest {

    /** Routes {@code event}; returns why it was refused, or {@code null}. */
    String route(CotEvent event, Set<Group> writeGroups, Provenance provenance);
}
