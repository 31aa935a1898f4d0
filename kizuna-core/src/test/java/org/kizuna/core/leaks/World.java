package org.kizuna.core.leaks;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One random world, from one seed: the policy and rules files as text (what both the node and
 * the oracle read), the clients with their clearances and groups, the default labels, the
 * partners and their accreditations.
 *
 * @param classifications the policy's classifications, lowest rank first
 * @param tagTypes        every category tag and its type ({@code RESTRICTIVE}, ...)
 * @param tagValues       the values of each tag that is not the nations tag
 * @param missingRelTo    {@code UNRESTRICTED}, {@code ORIGINATOR_ONLY} or {@code REFUSED}
 */
record World(long seed, String policyId, String policyYaml, String rulesYaml, List<String> postures,
             List<String> classifications, Map<String, String> tagTypes, Map<String, List<String>> tagValues,
             List<String> nations, List<String> groups, List<Client> clients, OracleClearance certificateDefault,
             Client webViewer, Map<String, OracleLabel> clientDefaults, Map<String, OracleLabel> groupDefaults,
             OracleLabel tlsDefault, List<Partner> partners, String missingRelTo, String nodeNation,
             byte[] pseudonymKey) {

    static final String REL_TO = "Releasable To";
    static final String NODE_ID = "node-a";

    /**
     * A certificate identity (or the web account): its clearance, its groups, the CoT type of its
     * own position. {@code listed}: its clearance is configured by name; else it gets the default.
     */
    record Client(String name, OracleClearance clearance, boolean listed, Set<String> in, Set<String> out,
                  String selfType) {

        String selfUid() {
            return "U-" + name;
        }

        String callsign() {
            return "CS-" + name;
        }
    }

    /** A federation partner: its node id, its accreditation, the local groups whose traffic may go to it. */
    record Partner(String nodeId, OracleClearance accreditation, Set<String> outbound) {
    }

    /** The clearance the node gives {@code client}: its own when listed, else the certificate default. */
    OracleClearance clearanceOf(Client client) {
        if (client.listed()) {
            return client.clearance();
        }
        OracleClearance d = certificateDefault;
        return new OracleClearance(client.name(), d.nation(), d.classifications(), d.held());
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        b.append("seed ").append(seed).append("\n--- policy.yaml\n").append(policyYaml)
                .append("--- rules.yaml\n").append(rulesYaml).append("--- clients\n");
        for (Client c : clients) {
            b.append("  ").append(c.name()).append(": ").append(clearanceOf(c)).append(c.listed() ? "" : " (default)")
                    .append(" in=").append(c.in()).append(" out=").append(c.out()).append(" self=")
                    .append(c.selfType()).append('\n');
        }
        b.append("  web viewer: ").append(webViewer.clearance()).append(" out=").append(webViewer.out()).append('\n');
        b.append("--- default labels: clients ").append(clientDefaults).append(" groups ").append(groupDefaults)
                .append(" tls ").append(tlsDefault).append("; missingRelTo ").append(missingRelTo).append(' ')
                .append(nodeNation).append('\n');
        partners.forEach(p -> b.append("--- partner ").append(p.nodeId()).append(": ").append(p.accreditation())
                .append(" outbound=").append(p.outbound()).append('\n'));
        return b.toString();
    }
}
