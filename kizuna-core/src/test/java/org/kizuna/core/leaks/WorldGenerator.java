package org.kizuna.core.leaks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Makes a random {@link World} from a seed: a policy of two to four classifications with random
 * ranks, restrictive and informative tags, nations; random clearances (not always "up to" a
 * level); release rules per posture with types, areas, nations, label conditions, deny rules and
 * every obligation; default labels per client, group and input; one or two partners.
 */
final class WorldGenerator {

    private static final String[][] CLASSES = {
        {"UNCLASSIFIED", "U"}, {"RESTRICTED", "R"}, {"CONFIDENTIAL", "C"}, {"SECRET", "S"}, {"TOPSECRET", "TS"}};
    static final List<String> NATIONS = List.of("USA", "GBR", "JPN", "AUS", "CAN");
    private static final List<String> GROUPS = List.of("Blue", "Red", "Green");
    private static final List<String> POSTURES = List.of("PEACETIME", "GRAY_ZONE", "CONTINGENCY");
    private static final List<String> TYPE_PREFIXES =
            List.of("a", "a-f", "a-h", "a-f-G", "a-n", "b", "b-m", "b-t-f", "t-x-d-d", "a-f-G-U-C");
    static final List<String> STRIPPABLE = List.of("remarks", "__video", "contact", "__group", "track", "status");
    private static final List<String> SELF_TYPES = List.of("a-f-G-U-C", "a-f-G-E-V", "a-h-G", "a-n-A-C");

    private final SplittableRandom random;
    private final Labels labels;

    private WorldGenerator(long seed) {
        this.random = new SplittableRandom(seed);
        this.labels = new Labels(random);
    }

    static World generate(long seed) {
        return new WorldGenerator(seed).world(seed);
    }

    private World world(long seed) {
        List<String> classes = new ArrayList<>();
        StringBuilder policy = new StringBuilder("policy: ORC\nrelToFirst: USA\nclassifications:\n");
        List<String[]> chosen = new ArrayList<>(List.of(CLASSES));
        int keep = 2 + random.nextInt(3);
        while (chosen.size() > keep) {
            chosen.remove(random.nextInt(chosen.size()));
        }
        int rank = random.nextInt(3);
        for (String[] c : chosen) {
            classes.add(c[0]);
            policy.append("  - {name: ").append(c[0]).append(", rank: ").append(rank).append(", marking: ")
                    .append(c[0]).append(", portion: ").append(c[1]).append("}\n");
            rank += 1 + random.nextInt(3);
        }
        Map<String, String> tagTypes = new LinkedHashMap<>();
        Map<String, List<String>> tagValues = new LinkedHashMap<>();
        policy.append("categories:\n  - {tag: ").append(World.REL_TO)
                .append(", type: PERMISSIVE, marking: REL TO, countries: true}\n");
        tagTypes.put(World.REL_TO, "PERMISSIVE");
        tag(policy, tagTypes, tagValues, "Dissemination", "RESTRICTIVE", Map.of("NOFORN", "NF", "ORCON", "OC", "PROPIN", "PR"));
        if (random.nextBoolean()) {
            tag(policy, tagTypes, tagValues, "Special", "RESTRICTIVE", Map.of("ALPHA", "AL", "BRAVO", "BR"));
        }
        if (random.nextBoolean()) {
            tag(policy, tagTypes, tagValues, "Exercise", "INFORMATIVE", Map.of("DRILL", "DR", "TRAINING", "TR"));
        }
        labels.configure(classes, tagTypes, tagValues);
        return people(seed, policy.toString(), classes, tagTypes, tagValues);
    }

    private void tag(StringBuilder policy, Map<String, String> tagTypes, Map<String, List<String>> tagValues,
                     String tag, String type, Map<String, String> all) {
        Map<String, String> chosen = new TreeMap<>();
        new TreeMap<>(all).forEach((v, p) -> {
            if (chosen.isEmpty() || random.nextInt(4) > 0) {
                chosen.put(v, p);
            }
        });
        tagTypes.put(tag, type);
        tagValues.put(tag, List.copyOf(chosen.keySet()));
        policy.append("  - {tag: ").append(tag).append(", type: ").append(type).append(", values: {");
        policy.append(String.join(", ", chosen.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
        policy.append("}}\n");
    }

    private World people(long seed, String policyYaml, List<String> classes, Map<String, String> tagTypes,
                         Map<String, List<String>> tagValues) {
        List<String> groups = GROUPS.subList(0, 2 + random.nextInt(2));
        List<World.Client> clients = new ArrayList<>();
        int n = 4 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            Set<String> in = labels.subset(groups, 1);
            Set<String> out = random.nextInt(5) == 0 ? labels.subset(groups, 1) : in;
            String name = "c" + i;
            clients.add(new World.Client(name, labels.clearance(name), random.nextInt(5) > 0, in, out,
                    SELF_TYPES.get(random.nextInt(SELF_TYPES.size()))));
        }
        World.Client viewer = new World.Client("viewer", labels.clearance("web:viewer"), true,
                Set.of(), labels.subset(groups, 1), "a-f-G");
        Map<String, OracleLabel> clientDefaults = new HashMap<>();
        for (World.Client c : clients) {
            if (random.nextInt(10) < 3) {
                clientDefaults.put(c.name(), labels.label());
            }
        }
        Map<String, OracleLabel> groupDefaults = new HashMap<>();
        for (String g : groups) {
            if (random.nextBoolean()) {
                groupDefaults.put(g, labels.label());
            }
        }
        List<World.Partner> partners = new ArrayList<>();
        for (int i = 1; i <= 1 + random.nextInt(2); i++) {
            partners.add(new World.Partner("P" + i, labels.clearance("partner:P" + i), labels.subset(groups, 1)));
        }
        String missing = List.of("UNRESTRICTED", "UNRESTRICTED", "ORIGINATOR_ONLY", "REFUSED").get(random.nextInt(4));
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new World(seed, "ORC", policyYaml, rules(classes, tagValues), POSTURES, classes, tagTypes, tagValues,
                NATIONS, groups, clients, labels.clearance("default"), viewer, clientDefaults, groupDefaults,
                labels.label(), partners, missing, NATIONS.get(random.nextInt(NATIONS.size())), key);
    }

    private String rules(List<String> classes, Map<String, List<String>> tagValues) {
        StringBuilder y = new StringBuilder();
        for (String posture : POSTURES) {
            y.append(posture).append(":\n");
            int n = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                rule(y, posture.charAt(0) + "" + i, classes, tagValues);
            }
            if (random.nextInt(5) < 2) {
                y.append("  - {name: rest}\n");
            }
        }
        if (random.nextBoolean()) {
            y.append("HADR: []\n");
        }
        return y.toString();
    }

    private void rule(StringBuilder y, String name, List<String> classes, Map<String, List<String>> tagValues) {
        y.append("  - name: ").append(name).append('\n');
        if (random.nextBoolean()) {
            y.append("    types: [").append(String.join(", ", labels.subset(TYPE_PREFIXES, 1, 2))).append("]\n");
        }
        if (random.nextInt(4) == 0) {
            double minLat = 30 + random.nextInt(60) / 8.0;
            double maxLat = minLat + 1 + random.nextInt(40) / 8.0;
            double minLon = 130 + random.nextInt(80) / 8.0;
            double maxLon = minLon + 1 + random.nextInt(60) / 8.0;
            y.append("    area: [[").append(minLat).append(", ").append(minLon).append("], [").append(minLat).append(", ")
                    .append(maxLon).append("], [").append(maxLat).append(", ").append(maxLon).append("], [")
                    .append(maxLat).append(", ").append(minLon).append("]]\n");
        }
        if (random.nextInt(4) == 0) {
            y.append("    maxClassification: ").append(classes.get(random.nextInt(classes.size()))).append('\n');
        }
        if (random.nextInt(10) == 0) {
            boolean nations = random.nextBoolean();
            String tag = nations ? World.REL_TO : "Dissemination";
            List<String> values = nations ? NATIONS : tagValues.get("Dissemination");
            y.append("    anyValues: {").append(tag).append(": [").append(String.join(", ", labels.subset(values, 1, 2)))
                    .append("]}\n");
        }
        if (random.nextInt(20) < 7) {
            y.append("    nations: [").append(String.join(", ", labels.subset(NATIONS, 1, 3))).append("]\n");
        }
        if (random.nextInt(5) == 0) {
            y.append("    permit: false\n");
        } else if (random.nextInt(20) < 11) {
            y.append("    obligations: {").append(obligations()).append("}\n");
        }
    }

    private String obligations() {
        List<String> parts = new ArrayList<>();
        if (random.nextInt(5) < 2) {
            parts.add("strip: [" + String.join(", ", labels.subset(STRIPPABLE, 1, 3)) + "]");
        }
        if (random.nextInt(5) < 2) {
            parts.add("coarsen: " + List.of(100, 1000, 5000).get(random.nextInt(3)));
        }
        if (random.nextInt(5) == 0) {
            parts.add("dropIdentity: true");
        }
        if (random.nextInt(5) == 0 || parts.isEmpty()) {
            parts.add("delay: " + List.of("30s", "5m").get(random.nextInt(2)));
        }
        return String.join(", ", parts);
    }

    /** Random labels, clearances and subsets over one policy. */
    static final class Labels {

        private final SplittableRandom random;
        private List<String> classes;
        private Map<String, String> tagTypes;
        private Map<String, List<String>> tagValues;

        Labels(SplittableRandom random) {
            this.random = random;
        }

        void configure(List<String> newClasses, Map<String, String> newTagTypes, Map<String, List<String>> newTagValues) {
            this.classes = newClasses;
            this.tagTypes = newTagTypes;
            this.tagValues = newTagValues;
        }

        OracleLabel label() {
            Map<String, Set<String>> values = new TreeMap<>();
            if (random.nextInt(10) < 6) {
                values.put(World.REL_TO, subset(NATIONS, 1, 3));
            }
            tagValues.forEach((tag, all) -> {
                if (random.nextInt(4) == 0) {
                    values.put(tag, subset(all, 1, 2));
                }
            });
            return OracleLabel.of(classes.get(random.nextInt(classes.size())), values);
        }

        OracleClearance clearance(String holder) {
            String nation = NATIONS.get(random.nextInt(NATIONS.size()));
            Set<String> held = random.nextInt(5) == 0 ? subset(classes, 1)
                    : new LinkedHashSet<>(classes.subList(0, 1 + random.nextInt(classes.size())));
            Map<String, Set<String>> categories = new TreeMap<>();
            Set<String> relTo = subset(NATIONS, 0);
            if (random.nextInt(20) < 17) {
                relTo.add(nation);
            }
            categories.put(World.REL_TO, relTo);
            tagValues.forEach((tag, all) -> categories.put(tag, subset(all, 0)));
            return new OracleClearance(holder, nation, held, categories);
        }

        /** A random subset of {@code all} with at least {@code min} elements. */
        Set<String> subset(List<String> all, int min) {
            return subset(all, min, all.size());
        }

        Set<String> subset(List<String> all, int min, int max) {
            Set<String> out = new LinkedHashSet<>();
            for (String s : all) {
                if (out.size() < max && random.nextBoolean()) {
                    out.add(s);
                }
            }
            while (out.size() < min) {
                out.add(all.get(random.nextInt(all.size())));
            }
            return out;
        }

        String tagType(String tag) {
            return tagTypes.get(tag);
        }
    }
}
