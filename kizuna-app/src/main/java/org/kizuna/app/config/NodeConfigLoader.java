package org.kizuna.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.identity.IdentitySettings;
import org.kizuna.core.routing.RoutingConfig;
import org.kizuna.cot.CotLimits;
import org.kizuna.server.ServerConfig.Listener;
import org.kizuna.server.ServerConfig;
import org.kizuna.server.http.HttpSettings;
import org.kizuna.server.stream.SessionContext.SessionLimits;
import org.kizuna.store.StoreSettings;
import org.kizuna.store.audit.AuditKey;
import org.kizuna.store.audit.AuditLog;
import org.kizuna.store.writer.WriterSettings;

/**
 * Reads {@code kizuna.yaml} (optional: every setting has a default) and {@code DATA/clients.yaml}
 * (written by {@code kizuna pki client --groups}). The README's settings table documents every
 * key read here; a key not read here is refused.
 */
public final class NodeConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private NodeConfigLoader() {
    }

    /** Loads {@code configFile} (may be null) for a node whose data lives in {@code dataDir}. */
    public static NodeConfig load(Path configFile, Path dataDir) {
        try {
            return read(configFile, dataDir);
        } catch (IllegalArgumentException e) {
            // A record's own check (ports that clash, a blank node id, ...): same category for the user.
            throw new ConfigException((configFile == null ? "configuration" : configFile.toString()) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The federation trust store of the node configured by {@code configFile} (may be null):
     * {@code federation.partnersDir}, or {@code DATA/federation/partners}.
     */
    public static Path federationPartnersDir(Path configFile, Path dataDir) {
        return FederationConfigReader.partnersDir(new ConfigNode("", readYaml(configFile)), dataDir);
    }

    /** The partner ids {@code configFile}'s {@code federation.partners} lists (none when it is null). */
    public static List<String> federationPartnerIds(Path configFile) {
        return FederationConfigReader.partnerIds(new ConfigNode("", readYaml(configFile)));
    }

    private static NodeConfig read(Path configFile, Path dataDir) {
        ConfigNode root = new ConfigNode("", readYaml(configFile));
        root.allowOnly("node", "streaming", "limits", "session", "routing", "groups", "clients", "store", "policy",
                "http", "federation", "webUsers", "identity", "audit", "enrollment");
        String nodeId = root.child("node").allowOnly("id", "nation").string("id", defaultNodeId());
        String nation = root.child("node").string("nation", null);
        ConfigNode routing = root.child("routing").allowOnly("forbiddenTypes", "maxPictureItems");
        ServerConfig server = new ServerConfig(nodeId,
                listener(root.child("streaming").child("tls"), true, 8089),
                listener(root.child("streaming").child("plain"), false, 8087),
                limits(root.child("limits")), session(root.child("session")),
                routing.strings("forbiddenTypes", RoutingConfig.DEFAULT_FORBIDDEN),
                routing.integer("maxPictureItems", ServerConfig.DEFAULT_MAX_PICTURE_ITEMS, 1, 100_000_000));
        root.child("streaming").allowOnly("tls", "plain");
        ConfigNode groups = root.child("groups").allowOnly("default", "anonymous");
        Map<String, GroupMembership> clients = new HashMap<>();
        Path clientsFile = dataDir.resolve("clients.yaml");
        if (Files.isRegularFile(clientsFile)) {
            ConfigNode fromPki = new ConfigNode("", readYaml(clientsFile)).allowOnly("clients");
            clients.putAll(clients(fromPki.child("clients")));
        }
        clients.putAll(clients(root.child("clients")));
        return new NodeConfig(dataDir, server, clients,
                GroupMembership.both(groupList(groups.strings("default", List.of(Group.ANONYMOUS.name())))),
                GroupMembership.both(groupList(groups.strings("anonymous", List.of(Group.ANONYMOUS.name())))),
                history(root, dataDir),
                PolicySettings.read(root, configFile == null || configFile.toAbsolutePath().getParent() == null
                        ? dataDir : configFile.toAbsolutePath().getParent(), nation),
                withEnrollment(http(root.child("http")), root.child("enrollment")),
                FederationConfigReader.read(root,
                        new ConfigNode("", readYaml(existing(dataDir.resolve("federation").resolve("partners.yaml")))),
                        nodeId, nation, dataDir),
                identity(root.child("identity")), auditKeyFile(root, configFile, dataDir));
    }

    /**
     * The audit key of the node configured by {@code configFile} (may be null): {@code
     * audit.keyFile}, relative to the config file's directory, or {@code DATA/keys/audit.key}.
     * The admin commands that write audit records ({@code posture}, {@code uid release}) and
     * {@code audit verify} find it here too.
     */
    public static Path auditKeyFile(Path configFile, Path dataDir) {
        return auditKeyFile(new ConfigNode("", readYaml(configFile)), configFile, dataDir);
    }

    private static Path auditKeyFile(ConfigNode root, Path configFile, Path dataDir) {
        String name = root.child("audit").allowOnly("keyFile").string("keyFile", null);
        if (name == null) {
            return AuditKey.defaultFile(dataDir);
        }
        Path base = configFile == null || configFile.toAbsolutePath().getParent() == null
                ? dataDir : configFile.toAbsolutePath().getParent();
        Path file = base.resolve(name);
        if (file.toAbsolutePath().normalize().startsWith(AuditLog.file(dataDir).toAbsolutePath().normalize().getParent())) {
            throw new ConfigException("audit.keyFile must not be in the audit directory (" + file
                    + "): whoever can rewrite the log would hold the key to recompute it");
        }
        return file;
    }

    private static IdentitySettings identity(ConfigNode node) {
        node.allowOnly("maxBoundUids", "bindingRetention");
        IdentitySettings d = IdentitySettings.DEFAULTS;
        return new IdentitySettings(node.integer("maxBoundUids", d.maxBoundUids(), 1, 100_000_000),
                node.duration("bindingRetention", d.bindingRetention()));
    }

    private static HttpSettings http(ConfigNode node) {
        node.allowOnly("enabled", "bind", "port", "tls", "hosts", "maxBodyBytes", "idleTimeout", "sessionTimeout",
                "sessionMaxLifetime", "login", "classification", "workers");
        HttpSettings d = HttpSettings.DEFAULTS;
        return new HttpSettings(
                new Listener(node.bool("enabled", true), node.string("bind", "0.0.0.0"), node.integer("port", 8443, 0, 65535)),
                node.bool("tls", true),
                node.strings("hosts", d.hosts()),
                node.integer("maxBodyBytes", d.maxBodyBytes(), 1024, 16 * 1024 * 1024),
                node.duration("idleTimeout", d.idleTimeout()),
                node.duration("sessionTimeout", d.sessionTimeout()),
                node.duration("sessionMaxLifetime", d.sessionMaxLifetime()),
                loginDelays(node.child("login")),
                node.string("classification", d.classification()),
                node.integer("workers", d.workers(), 1, 256));
    }

    /**
     * The enrollment port follows the web API unless told otherwise: on when it serves HTTPS
     * itself (with {@code http.tls: false} a proxy terminates TLS, and 8446 would be a surprise),
     * on the same address, on 8446, or on a free port when the API asks for one ({@code port: 0}).
     */
    private static HttpSettings withEnrollment(HttpSettings http, ConfigNode node) {
        node.allowOnly("enabled", "bind", "port");
        Listener web = http.listener();
        int port = web.port() == 0 ? 0 : HttpSettings.ENROLLMENT_DEFAULT.port();
        return http.withEnrollment(new Listener(node.bool("enabled", http.tls()),
                node.string("bind", web.bindAddress()), node.integer("port", port, 0, 65535)));
    }

    private static HttpSettings.LoginDelays loginDelays(ConfigNode login) {
        login.allowOnly("freeFailures", "freeFailuresPerAddress", "freeFailuresPerAccount", "firstDelay", "maxDelay",
                "maxAccountDelay", "forgetAfter");
        HttpSettings.LoginDelays d = HttpSettings.LoginDelays.DEFAULTS;
        return new HttpSettings.LoginDelays(login.integer("freeFailures", d.freeFailures(), 1, 1000),
                login.integer("freeFailuresPerAddress", d.freeFailuresPerAddress(), 1, 100_000),
                login.integer("freeFailuresPerAccount", d.freeFailuresPerAccount(), 1, 100_000),
                login.duration("firstDelay", d.firstDelay()), login.duration("maxDelay", d.maxDelay()),
                login.duration("maxAccountDelay", d.maxAccountDelay()), login.duration("forgetAfter", d.forgetAfter()));
    }

    private static HistoryConfig history(ConfigNode root, Path dataDir) {
        ConfigNode store = root.child("store").allowOnly("enabled", "url", "user", "password", "retention", "queue", "batch",
                "linger", "encrypt", "keyFile");
        ConfigNode retention = store.child("retention").allowOnly("maxAge", "maxBytes");
        StoreSettings defaults = StoreSettings.h2(HistoryConfig.historyDir(dataDir));
        WriterSettings w = WriterSettings.DEFAULTS;
        StoreSettings settings = new StoreSettings(store.string("url", defaults.url()), store.string("user", ""),
                store.string("password", ""), retention.duration("maxAge", defaults.maxAge()),
                retention.bytes("maxBytes", 0), defaults.poolSize());
        if (store.bool("encrypt", false)) {
            Path keyFile = dataDir.resolve(store.string("keyFile", StoreKey.DEFAULT_FILE));
            settings = settings.encryptedWith(StoreKey.read(keyFile, settings));
        }
        WriterSettings writer = new WriterSettings(store.integer("queue", w.queueCapacity(), 16, 10_000_000),
                store.integer("batch", w.batchSize(), 1, 100_000), store.duration("linger", w.linger()));
        ConfigNode streaming = root.child("streaming");
        return new HistoryConfig(store.bool("enabled", true), settings, writer,
                streaming.child("tls").bool("archive", true), streaming.child("plain").bool("archive", true));
    }

    private static Listener listener(ConfigNode node, boolean enabled, int port) {
        node.allowOnly("enabled", "bind", "port", "archive", "label");
        return new Listener(node.bool("enabled", enabled), node.string("bind", "0.0.0.0"), node.integer("port", port, 0, 65535));
    }

    private static CotLimits limits(ConfigNode node) {
        node.allowOnly("maxFrameBytes", "maxXmlDepth", "maxAttributes", "maxDetailElements");
        CotLimits d = CotLimits.DEFAULTS;
        return new CotLimits(node.integer("maxFrameBytes", d.maxFrameBytes(), 1024, 16 * 1024 * 1024),
                node.integer("maxXmlDepth", d.maxDepth(), 4, 1024),
                node.integer("maxAttributes", d.maxAttributes(), 8, 4096),
                node.integer("maxDetailElements", d.maxDetailElements(), 8, 65536));
    }

    private static SessionLimits session(ConfigNode node) {
        node.allowOnly("outboundQueue", "unwritableTimeout", "readIdleTimeout", "handshakeTimeout", "maxClients",
                "maxConsecutiveBadFrames", "flushInterval");
        SessionLimits d = SessionLimits.DEFAULTS;
        return new SessionLimits(node.integer("outboundQueue", d.outboundQueue(), 16, 1_000_000),
                node.duration("unwritableTimeout", d.unwritableTimeout()),
                node.duration("readIdleTimeout", d.readIdleTimeout()),
                node.duration("handshakeTimeout", d.handshakeTimeout()),
                node.integer("maxClients", d.maxClients(), 1, 1_000_000),
                node.integer("maxConsecutiveBadFrames", d.maxConsecutiveBadFrames(), 1, 1_000_000),
                node.duration("flushInterval", d.flushInterval()));
    }

    /** {@code NAME: {groups: [A]}} for both directions, or {@code NAME: {in: [A], out: [A, B]}}. */
    private static Map<String, GroupMembership> clients(ConfigNode node) {
        Map<String, GroupMembership> out = new HashMap<>();
        for (Iterator<String> it = node.keys(); it.hasNext(); ) {
            String name = it.next();
            ConfigNode c = node.child(name).allowOnly("groups", "in", "out", "label", "clearance");
            if (!c.hasAny("groups", "in", "out")) {
                continue; // listed only for its label or clearance: it keeps groups.default
            }
            Set<Group> both = groupList(c.strings("groups", List.of()));
            Set<Group> in = new LinkedHashSet<>(both);
            in.addAll(groupList(c.strings("in", List.of())));
            Set<Group> outGroups = new LinkedHashSet<>(both);
            outGroups.addAll(groupList(c.strings("out", List.of())));
            out.put(name, new GroupMembership(in, outGroups));
        }
        return out;
    }

    private static Set<Group> groupList(List<String> names) {
        Set<Group> groups = new LinkedHashSet<>();
        names.forEach(n -> groups.add(new Group(n)));
        return groups;
    }

    private static Path existing(Path file) {
        return Files.isRegularFile(file) ? file : null;
    }

    private static JsonNode readYaml(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The host name, made into a valid node id (an XML name): "10-0-0-7.lan" becomes "node-10-0-0-7.lan". */
    static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "kizuna";
        }
        String id = host.replaceAll("[^A-Za-z0-9._-]", "-");
        if (id.isEmpty() || !Character.isLetter(id.charAt(0)) && id.charAt(0) != '_') {
            id = "node-" + id;
        }
        return id.length() > 64 ? id.substring(0, 64) : id;
    }
}
