package org.kizuna.app.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code policy:} section and the {@code label} / {@code clearance} keys elsewhere. */
final class PolicySettings {

    private PolicySettings() {
    }

    /** {@code base}: the directory relative file names are resolved against (the config file's). */
    static PolicyConfig read(ConfigNode root, Path base, String nodeNation) {
        ConfigNode p = root.child("policy").allowOnly("file", "rules", "posture", "label", "clearance",
                "anonymousClearance", "groups", "accreditations", "missingRelTo");
        ConfigNode streaming = root.child("streaming");
        Map<String, LabelSpec> groupLabels = new HashMap<>();
        ConfigNode groups = p.child("groups");
        for (Iterator<String> it = groups.keys(); it.hasNext(); ) {
            String name = it.next();
            groupLabels.put(name, label(groups.child(name).allowOnly("label").child("label")).orElseThrow());
        }
        Map<String, LabelSpec> clientLabels = new HashMap<>();
        Map<String, ClearanceSpec> clientClearances = new HashMap<>();
        ConfigNode clients = root.child("clients");
        for (Iterator<String> it = clients.keys(); it.hasNext(); ) {
            String name = it.next();
            label(clients.child(name).child("label")).ifPresent(l -> clientLabels.put(name, l));
            ConfigNode c = clients.child(name).child("clearance");
            if (c.isPresent()) {
                clientClearances.put(name, clearance(c));
            }
        }
        Map<String, AccreditationSpec> accreditations = new HashMap<>();
        ConfigNode acc = p.child("accreditations");
        for (Iterator<String> it = acc.keys(); it.hasNext(); ) {
            String name = it.next();
            ConfigNode a = acc.child(name).allowOnly("upTo", "classifications", "nation", "categories", "policy");
            accreditations.put(name, new AccreditationSpec(new ClearanceSpec(a.string("upTo", ""),
                    a.strings("classifications", List.of()), a.string("nation", ""), categories(a.child("categories"))),
                    a.string("policy", "")));
        }
        Map<String, ClearanceSpec> webClearances = new HashMap<>();
        ConfigNode webUsers = root.child("webUsers");
        for (Iterator<String> it = webUsers.keys(); it.hasNext(); ) {
            String name = it.next();
            ConfigNode c = webUsers.child(name).allowOnly("clearance").child("clearance");
            if (c.isPresent()) {
                webClearances.put(name, clearance(c));
            }
        }
        return new PolicyConfig(file(p, "file", base), file(p, "rules", base), p.string("posture", "PEACETIME"),
                label(p.child("label")), clearanceOr(p.child("clearance")), clearanceOr(p.child("anonymousClearance")),
                label(streaming.child("tls").child("label")), label(streaming.child("plain").child("label")),
                groupLabels, clientLabels, clientClearances, accreditations, webClearances,
                p.string("missingRelTo", PolicyConfig.ORIGINATOR), java.util.Optional.ofNullable(nodeNation));
    }

    private static Optional<Path> file(ConfigNode node, String key, Path base) {
        String name = node.string(key, null);
        return name == null ? Optional.empty() : Optional.of(base.resolve(name));
    }

    private static Optional<LabelSpec> label(ConfigNode node) {
        if (!node.isPresent()) {
            return Optional.empty();
        }
        node.allowOnly("classification", "categories");
        String classification = node.string("classification", null);
        if (classification == null) {
            throw new ConfigException(node.path() + ".classification: required");
        }
        return Optional.of(new LabelSpec(classification, categories(node.child("categories"))));
    }

    private static ClearanceSpec clearanceOr(ConfigNode node) {
        return node.isPresent() ? clearance(node) : ClearanceSpec.NOTHING;
    }

    private static ClearanceSpec clearance(ConfigNode node) {
        node.allowOnly("upTo", "classifications", "nation", "categories");
        return new ClearanceSpec(node.string("upTo", ""), node.strings("classifications", List.of()),
                node.string("nation", ""), categories(node.child("categories")));
    }

    private static Map<String, List<String>> categories(ConfigNode node) {
        Map<String, List<String>> out = new HashMap<>();
        for (Iterator<String> it = node.keys(); it.hasNext(); ) {
            String tag = it.next();
            out.put(tag, node.strings(tag, List.of()));
        }
        return out;
    }
}
