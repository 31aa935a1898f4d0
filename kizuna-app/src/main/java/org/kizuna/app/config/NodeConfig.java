package org.kizuna.app.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.kizuna.federation.FederationConfig;
import org.kizuna.server.ServerConfig;
import org.kizuna.server.session.GroupDirectory;
import org.kizuna.server.session.GroupMembership;

/**
 * A node's whole configuration: the data directory, the streaming server settings and the group
 * assignments of its clients.
 *
 * @param dataDir         holds {@code pki/}, {@code clients.yaml} and {@code history/} (the embedded database)
 * @param server          the streaming server settings
 * @param clientGroups    groups by certificate common name
 * @param defaultGroups   groups of certificate clients not listed in {@code clientGroups}
 * @param anonymousGroups groups of plain-TCP clients
 * @param history         the history store
 * @param federation      links to partner nodes; {@code null} when no partner is configured
 */
public record NodeConfig(Path dataDir, ServerConfig server, Map<String, GroupMembership> clientGroups,
                         GroupMembership defaultGroups, GroupMembership anonymousGroups, HistoryConfig history,
                         FederationConfig federation) {

    public NodeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(server, "server");
        clientGroups = Map.copyOf(clientGroups);
        Objects.requireNonNull(defaultGroups, "defaultGroups");
        Objects.requireNonNull(anonymousGroups, "anonymousGroups");
        Objects.requireNonNull(history, "history");
    }

    /** A node with the default history store under {@code dataDir}. */
    public NodeConfig(Path dataDir, ServerConfig server, Map<String, GroupMembership> clientGroups,
                      GroupMembership defaultGroups, GroupMembership anonymousGroups) {
        this(dataDir, server, clientGroups, defaultGroups, anonymousGroups, HistoryConfig.defaults(dataDir), null);
    }

    public NodeConfig withHistory(HistoryConfig newHistory) {
        return new NodeConfig(dataDir, server, clientGroups, defaultGroups, anonymousGroups, newHistory, federation);
    }

    public NodeConfig withFederation(FederationConfig newFederation) {
        return new NodeConfig(dataDir, server, clientGroups, defaultGroups, anonymousGroups, history, newFederation);
    }

    public Path pkiDir() {
        return dataDir.resolve("pki");
    }

    /** Authenticated clients by name, then the default; plain-TCP clients get the anonymous groups. */
    public GroupDirectory groupDirectory() {
        GroupDirectory certificates = GroupDirectory.of(clientGroups, defaultGroups);
        return identity -> identity.authenticated() ? certificates.groupsFor(identity) : anonymousGroups;
    }
}
