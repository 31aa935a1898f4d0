package org.kizuna.app.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * One of the demo's two national nodes: who it is, its scenario, and the files it runs from
 * ({@code policy.yaml}, {@code rules.yaml}, {@code kizuna.yaml} under its data directory). The
 * files are written on every run so that a newer demo never runs an older demo's settings; the
 * posture, the audit log, the PKI and the history are kept.
 *
 * <p>The two policies and their equivalences are illustrative, not real national rules: each
 * nation's lowest marking maps to the other's, its caveated marking stays home.
 *
 * @param code       ISO 3166 alpha-3, also the policy id
 * @param name       for people
 * @param nodeId     the node id, its certificate name and its partner id at the other node
 * @param policy     the policy file
 * @param label      the default label of events that carry none
 * @param clearance  the clearance of this node's certificate clients and web users
 * @param partnerAccreditation what this node releases to the other nation, in its own policy's terms
 * @param units      the scenario the node's simulator publishes
 */
record DemoNation(String code, String name, String nodeId, String policy, String label, String clearance,
                  String partnerAccreditation, List<SimulatedUnit> units) {

    static final DemoNation JAPAN = new DemoNation("JPN", "Japan", "jpn-demo", """
            policy: JPN
            relToFirst: JPN
            classifications:
              - {name: TORIATSUKAICHUI, rank: 0, marking: TORIATSUKAI CHUI, portion: TC}
              - {name: HI, rank: 2, marking: HI, portion: H}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
            equivalences:
              USA: {classifications: {TORIATSUKAICHUI: UNCLASSIFIED, HI: CONFIDENTIAL},
                    tags: {Releasable To: Releasable To}}
            """,
            "{classification: TORIATSUKAICHUI, categories: {Releasable To: [JPN, USA]}}",
            "{upTo: HI, nation: JPN, categories: {Releasable To: [JPN]}}",
            "{upTo: HI, nation: USA, categories: {Releasable To: [USA]}}",
            TokyoScenario.units());

    static final DemoNation UNITED_STATES = new DemoNation("USA", "United States", "usa-demo", """
            policy: USA
            relToFirst: USA
            classifications:
              - {name: UNCLASSIFIED, rank: 0, marking: UNCLASSIFIED, portion: U}
              - {name: CONFIDENTIAL, rank: 2, marking: CONFIDENTIAL, portion: C}
            categories:
              - {tag: Releasable To, type: PERMISSIVE, marking: REL TO, countries: true}
            equivalences:
              JPN: {classifications: {UNCLASSIFIED: TORIATSUKAICHUI, CONFIDENTIAL: HI},
                    tags: {Releasable To: Releasable To}}
            """,
            "{classification: UNCLASSIFIED, categories: {Releasable To: [USA, JPN]}}",
            "{upTo: CONFIDENTIAL, nation: USA, categories: {Releasable To: [USA]}}",
            "{upTo: CONFIDENTIAL, nation: JPN, categories: {Releasable To: [JPN]}}",
            UsForcesScenario.units());

    /** Coarse positions in peacetime, finer in the gray zone, everything in a contingency. */
    static final String COARSEN_IN_PEACETIME_KM = "5";

    /**
     * The release rules, the same shape at both nodes: at home everything; to the ally positions
     * of friendly and neutral units, coarsened to 5 km without remarks in PEACETIME, to 1 km in
     * GRAY_ZONE, in full in CONTINGENCY; for HADR everything but remarks.
     */
    String rules(DemoNation ally) {
        return """
                # Demo release rules (illustrative). The first rule that covers an item and recipient decides.
                PEACETIME:
                  - {name: home, nations: [%1$s]}
                  - {name: ally-positions-coarse, types: [a-f, a-n], nations: [%2$s],
                     obligations: {coarsen: %3$s000, strip: [remarks]}}
                GRAY_ZONE:
                  - {name: home, nations: [%1$s]}
                  - {name: ally-positions, types: [a-f, a-n], nations: [%2$s], obligations: {coarsen: 1000}}
                CONTINGENCY:
                  - {name: alliance, nations: [%1$s, %2$s]}
                HADR:
                  - {name: home, nations: [%1$s]}
                  - {name: relief, nations: [%2$s], obligations: {strip: [remarks]}}
                """.formatted(code, ally.code, COARSEN_IN_PEACETIME_KM);
    }

    /** The node's {@code kizuna.yaml}: one partner, the ally, dialled by the Japanese node. */
    String config(DemoNation ally, Ports ports, Ports allyPorts, String bind, boolean dials) {
        return """
                # Written by `kizuna demo` on every run.
                node: {id: %1$s, nation: %2$s}
                streaming: {tls: {bind: "%3$s", port: %4$d}}
                http: {bind: 127.0.0.1, port: %5$d, tls: false}
                groups: {default: [__ANON__]}
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: %6$s
                  clearance: %7$s
                  accreditations:
                    %8$s: %9$s
                federation:
                  bind: 127.0.0.1
                  port: %10$d
                  partners:
                    %11$s: {nation: %8$s, inboundGroups: [__ANON__], outboundGroups: [__ANON__]%12$s}
                """.formatted(nodeId, code, bind, ports.streaming(), ports.web(), label, clearance, ally.code,
                partnerAccreditation, ports.federation(), ally.nodeId,
                dials ? ", dial: \"127.0.0.1:" + allyPorts.federation() + "\"" : "");
    }

    /** Writes the policy, rules and configuration files; returns the configuration file. */
    Path writeFiles(Path dir, DemoNation ally, Ports ports, Ports allyPorts, String bind, boolean dials)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("policy.yaml"), policy);
        Files.writeString(dir.resolve("rules.yaml"), rules(ally));
        return Files.writeString(dir.resolve("kizuna.yaml"), config(ally, ports, allyPorts, bind, dials));
    }

    /** Puts the ally's node CA into this node's federation trust store. */
    static void trust(Path dir, Path allyCa, DemoNation ally) throws IOException {
        Path partners = Files.createDirectories(dir.resolve("federation").resolve("partners"));
        Files.copy(allyCa, partners.resolve(ally.nodeId + ".pem"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The three ports a demo node listens on. */
    record Ports(int streaming, int web, int federation) {
    }
}
