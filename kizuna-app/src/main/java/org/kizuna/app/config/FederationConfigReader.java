package org.kizuna.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kizuna.core.identity.Group;
import org.kizuna.federation.FederationConfig;
import org.kizuna.federation.LinkSettings;
import org.kizuna.federation.LinkStorage;
import org.kizuna.federation.Partner;
import org.kizuna.server.ServerConfig.Listener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code federation} section of {@code kizuna.yaml} and the partners that
 * {@code kizuna federate add} recorded in {@code DATA/federation/partners.yaml}. Federation is on
 * when at least one partner is listed; partner CA certificates are PEM files in {@code federation.partnersDir}
 * (default {@code DATA/federation/partners}), the federation trust store. Partners on the
 * removal list ({@link RemovedPartners}) are left out, wherever they are listed.
 */
final class FederationConfigReader {

    private static final Logger log = LoggerFactory.getLogger(FederationConfigReader.class);

    private FederationConfigReader() {
    }

    /** The federation of node {@code nodeId}, or {@code null} when no partner is configured. */
    static FederationConfig read(ConfigNode root, ConfigNode added, String nodeId, String nation, Path dataDir) {
        ConfigNode fed = root.child("federation").allowOnly("bind", "port", "listen", "partnersDir", "link", "partners",
                "store");
        ConfigNode partners = fed.child("partners");
        ConfigNode addedPartners = added.allowOnly("partners").child("partners");
        if (!partners.keys().hasNext() && !addedPartners.keys().hasNext()) {
            return null;
        }
        if (nation == null) {
            throw new ConfigException("node.nation (ISO 3166 alpha-3, e.g. JPN) is required when federation.partners "
                    + "are configured");
        }
        Path dir = partnersDir(root, dataDir);
        java.util.Map<String, RemovedPartners.Removal> removed = removals(dataDir);
        java.util.Map<String, Partner> byId = new java.util.LinkedHashMap<>();
        for (Iterator<String> it = addedPartners.keys(); it.hasNext(); ) {
            String id = it.next();
            if (!removed.containsKey(id)) {
                byId.put(id, partner(addedPartners.child(id), id, dir));
            }
        }
        for (Iterator<String> it = partners.keys(); it.hasNext(); ) {
            String id = it.next();
            if (removed.containsKey(id)) {
                log.warn("federation.partners.{} is left out: it was removed {} by {} ('kizuna federate remove'); "
                        + "delete it from the configuration, or add it again with 'kizuna federate add'", id,
                        removed.get(id).removedAt(), removed.get(id).by());
                continue;
            }
            byId.put(id, partner(partners.child(id), id, dir)); // kizuna.yaml wins over 'kizuna federate add'
        }
        List<Partner> list = new ArrayList<>(byId.values());
        if (list.isEmpty()) {
            return null; // every partner was removed
        }
        Listener listener = new Listener(fed.bool("listen", true), fed.string("bind", "0.0.0.0"),
                fed.integer("port", FederationConfig.DEFAULT_PORT, 0, 65535));
        return new FederationConfig(nodeId, nation, listener, list, link(fed.child("link")),
                storage(fed.child("store"), dataDir));
    }

    private static java.util.Map<String, RemovedPartners.Removal> removals(Path dataDir) {
        try {
            return RemovedPartners.read(dataDir);
        } catch (java.io.IOException e) {
            // a removal list that cannot be read must not let a removed partner back in
            throw new ConfigException("cannot read " + RemovedPartners.file(dataDir) + ": " + e.getMessage(), e);
        }
    }

    /** The partner ids {@code root}'s {@code federation.partners} lists. */
    static List<String> partnerIds(ConfigNode root) {
        List<String> ids = new ArrayList<>();
        root.child("federation").child("partners").keys().forEachRemaining(ids::add);
        return ids;
    }

    /** Where partner CA certificates live unless {@code federation.partnersDir} says otherwise. */
    static Path partnersDir(Path dataDir) {
        return dataDir.resolve("federation").resolve("partners");
    }

    /** The federation trust store {@code root}'s {@code federation.partnersDir} names, or the default. */
    static Path partnersDir(ConfigNode root, Path dataDir) {
        return Path.of(root.child("federation").string("partnersDir", partnersDir(dataDir).toString()));
    }

    /** Link journals: {@code DATA/federation/links/PARTNER/} unless told otherwise, or memory only. */
    private static LinkStorage storage(ConfigNode node, Path dataDir) {
        node.allowOnly("enabled", "dir", "syncInterval");
        if (!node.bool("enabled", true)) {
            return LinkStorage.MEMORY;
        }
        Path dir = Path.of(node.string("dir", dataDir.resolve("federation").resolve("links").toString()));
        // 'always': force every record as it is written, no group commit.
        return new LinkStorage(dir, "always".equals(node.string("syncInterval", null)) ? java.time.Duration.ZERO
                : node.duration("syncInterval", LinkStorage.DEFAULT_SYNC_INTERVAL));
    }

    private static Partner partner(ConfigNode p, String id, Path dir) {
        p.allowOnly("nation", "accreditation", "certificate", "ca", "dial", "inboundGroups", "outboundGroups",
                "acceptRelayHops");
        String nation = p.string("nation", null);
        if (nation == null) {
            throw new ConfigException("federation.partners." + id + ".nation is required");
        }
        Path ca = dir.resolve(p.string("ca", id + ".pem"));
        if (!Files.isRegularFile(ca)) {
            throw new ConfigException("federation.partners." + id + ": partner CA certificate " + ca + " not found "
                    + "(the partner exports it with 'kizuna pki export-ca'; add it with 'kizuna federate add')");
        }
        String dial = p.string("dial", null);
        List<String> anon = List.of(Group.ANONYMOUS.name());
        return new Partner(id, nation, p.string("accreditation", nation), p.string("certificate", id), ca,
                dial == null ? null : address(id, dial), groups(p.strings("inboundGroups", anon)),
                groups(p.strings("outboundGroups", anon)), p.integer("acceptRelayHops", 0, 0, 16));
    }

    private static Partner.Address address(String id, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return new Partner.Address(hostPort, FederationConfig.DEFAULT_PORT);
        }
        try {
            return new Partner.Address(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new ConfigException("federation.partners." + id + ".dial must be host or host:port: " + hostPort);
        }
    }

    private static LinkSettings link(ConfigNode node) {
        node.allowOnly("logCapacity", "heartbeat", "idleTimeout", "backoffInitial", "backoffMax", "inboundRate",
                "inboundBurst", "maxRelayHops");
        LinkSettings d = LinkSettings.DEFAULTS;
        return new LinkSettings(node.integer("logCapacity", d.logCapacity(), 16, 100_000_000),
                node.duration("heartbeat", d.heartbeat()), node.duration("idleTimeout", d.idleTimeout()),
                node.duration("backoffInitial", d.backoffInitial()), node.duration("backoffMax", d.backoffMax()),
                node.integer("inboundRate", d.inboundPerSecond(), 1, 100_000_000),
                node.integer("inboundBurst", d.inboundBurst(), 1, 100_000_000),
                node.integer("maxRelayHops", d.maxRelayHops(), 0, 16));
    }

    private static Set<Group> groups(List<String> names) {
        Set<Group> out = new LinkedHashSet<>();
        names.forEach(n -> out.add(new Group(n)));
        return out;
    }
}
