package org.kizuna.core.routing;

import java.util.List;
import java.util.Objects;

/**
 * Routing settings.
 *
 * @param nodeId                this node's id, written into {@code _flow-tags_} to stop loops
 * @param forbiddenTypePrefixes CoT type prefixes dropped at ingest (weapons, fires, targeting)
 * @param partnerNodes          federation partners' node ids: their {@code NODE:} uid prefixes are theirs alone
 */
public record RoutingConfig(String nodeId, List<String> forbiddenTypePrefixes, List<String> partnerNodes) {

    /** Tasking ({@code t-k}) and pairing ({@code t-p}): fires and targeting have no place here. */
    public static final List<String> DEFAULT_FORBIDDEN = List.of("t-k", "t-p");

    public RoutingConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        if (nodeId.isBlank()) {
            throw new IllegalArgumentException("nodeId must not be blank");
        }
        forbiddenTypePrefixes = List.copyOf(forbiddenTypePrefixes);
        partnerNodes = List.copyOf(partnerNodes);
    }

    /** Without federation partners. */
    public RoutingConfig(String nodeId, List<String> forbiddenTypePrefixes) {
        this(nodeId, forbiddenTypePrefixes, List.of());
    }
}
