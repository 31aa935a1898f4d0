package org.kizuna.core.federation;

import java.util.Set;
import org.kizuna.core.identity.Group;

/**
 * A partner node as the release boundary sees it: its node id (what its accreditation is
 * configured under) and the local groups whose traffic may go to it. The federation's own partner
 * record (certificates, addresses) implements it.
 */
public interface PartnerEdge {

    String nodeId();

    /** Local groups whose traffic may go to the partner (TAK semantics). */
    Set<Group> outboundGroups();
}
