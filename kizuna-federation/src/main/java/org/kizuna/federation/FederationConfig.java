package org.kizuna.federation;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.kizuna.server.ServerConfig.Listener;

/**
 * The federation side of one node.
 *
 * @param nodeId   this node's id, the same as the streaming server's
 * @param nation   this node's nation (ISO 3166 alpha-3), announced in the Hello
 * @param listener where partners dial us (9001); may be disabled when this node only dials
 * @param partners every partner, each identified by its certificate
 * @param link     link behaviour shared by all partners
 * @param storage  where links keep their logs and receive positions across restarts
 */
public record FederationConfig(String nodeId, String nation, Listener listener, List<Partner> partners,
                               LinkSettings link, LinkStorage storage) {

    /** The federation port of TAK Server v2 and of Kizuna. */
    public static final int DEFAULT_PORT = 9001;

    private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");

    public FederationConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(nation, "nation");
        if (!ALPHA3.matcher(nation).matches()) {
            throw new IllegalArgumentException("node.nation must be an ISO 3166 alpha-3 code: '" + nation + "'");
        }
        Objects.requireNonNull(listener, "listener");
        partners = List.copyOf(partners);
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(storage, "storage");
        Set<String> ids = new HashSet<>();
        for (Partner p : partners) {
            if (p.nodeId().equals(nodeId)) {
                throw new IllegalArgumentException("partner " + p.nodeId() + " has this node's own id");
            }
            if (!ids.add(p.nodeId())) {
                throw new IllegalArgumentException("partner " + p.nodeId() + " is configured twice");
            }
        }
    }

    /** Links kept in memory only (tests, benchmarks). */
    public FederationConfig(String nodeId, String nation, Listener listener, List<Partner> partners, LinkSettings link) {
        this(nodeId, nation, listener, partners, link, LinkStorage.MEMORY);
    }

    public FederationConfig withStorage(LinkStorage value) {
        return new FederationConfig(nodeId, nation, listener, partners, link, value);
    }
}
