package org.kizuna.app.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.kizuna.core.identity.GroupDirectory;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.identity.IdentitySettings;
import org.kizuna.federation.FederationConfig;
import org.kizuna.server.ServerConfig;
import org.kizuna.server.http.HttpSettings;
import org.kizuna.store.audit.AuditKey;

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
 * @param policy          labels, clearances and release rules; {@link PolicyConfig#OFF} without a policy file
 * @param http            the HTTPS API and web COP
 * @param federation      links to partner nodes; {@code null} when no partner is configured
 * @param identity        uid ownership: how many uids may be bound, how long an unused binding lasts
 * @param auditKeyFile    the secret keying the audit log and the posture file ({@code audit.keyFile}),
 *                        outside {@code DATA/audit/}; by default {@code DATA/keys/audit.key}
 */
public record NodeConfig(Path dataDir, ServerConfig server, Map<String, GroupMembership> clientGroups,
                         GroupMembership defaultGroups, GroupMembership anonymousGroups, HistoryConfig history,
                         PolicyConfig policy, HttpSettings http, FederationConfig federation,
                         IdentitySettings identity, Path auditKeyFile) {

    /**
     * A node without labels, without the web API and without partners: nodes built in code (tests,
     * benchmarks) must not all claim 8443. {@link NodeConfigLoader} turns the web API on by default;
     * {@link #withHttp}, {@link #withPolicy} and {@link #withFederation} set them here.
     */
    public NodeConfig(Path dataDir, ServerConfig server, Map<String, GroupMembership> clientGroups,
                      GroupMembership defaultGroups, GroupMembership anonymousGroups, HistoryConfig history) {
        this(dataDir, server, clientGroups, defaultGroups, anonymousGroups, history, PolicyConfig.OFF, HttpSettings.OFF,
                null, IdentitySettings.DEFAULTS, AuditKey.defaultFile(dataDir));
    }

    public NodeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(server, "server");
        clientGroups = Map.copyOf(clientGroups);
        Objects.requireNonNull(defaultGroups, "defaultGroups");
        Objects.requireNonNull(anonymousGroups, "anonymousGroups");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(auditKeyFile, "auditKeyFile");
        for (ServerConfig.Listener streaming : new ServerConfig.Listener[] {server.tls(), server.plain()}) {
            ServerConfig.Listener web = http.listener();
            if (web.enabled() && streaming.enabled() && web.port() != 0 && web.port() == streaming.port()
                    && web.bindAddress().equals(streaming.bindAddress())) {
                throw new IllegalArgumentException("http.port must differ from the streaming ports: " + web.port());
            }
        }
    }

    /** A node with the default history store under {@code dataDir}. */
    public NodeConfig(Path dataDir, ServerConfig server, Map<String, GroupMembership> clientGroups,
                      GroupMembership defaultGroups, GroupMembership anonymousGroups) {
        this(dataDir, server, clientGroups, defaultGroups, anonymousGroups, HistoryConfig.defaults(dataDir));
    }

    public NodeConfig withHistory(HistoryConfig newHistory) {
        return new NodeConfig(dataDir, server, clientGroups, defaultGroups, anonymousGroups, newHistory, policy, http,
                federation, identity, auditKeyFile);
    }

    public NodeConfig withPolicy(PolicyConfig newPolicy) {
        return new NodeConfig(dataDir, server, clientGroups, defaultGroups, anonymousGroups, history, newPolicy, http,
                federation, identity, auditKeyFile);
    }

    public NodeConfig withHttp(HttpSettings newHttp) {
        return new NodeConfig(dataDir, server, clientGroups, defaultGroups, anonymousGroups, history, policy, newHttp,
                federation, identity, auditKeyFile);
    }

    public NodeConfig withFederation(FederationConfig newFederation) {
        return new NodeConfig(dataDir, server, clientGroups, defaultGroups, anonymousGroups, history, policy, http,
                newFederation, identity, auditKeyFile);
    }

    public NodeConfig withIdentity(IdentitySettings newIdentity) {
        return new NodeConfig(dataDir, server, clientGroups, defaultGroups, anonymousGroups, history, policy, http,
                federation, newIdentity, auditKeyFile);
    }

    public NodeConfig withAuditKeyFile(Path newAuditKeyFile) {
        return new NodeConfig(dataDir, server, clientGroups, defaultGroups, anonymousGroups, history, policy, http,
                federation, identity, newAuditKeyFile);
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
