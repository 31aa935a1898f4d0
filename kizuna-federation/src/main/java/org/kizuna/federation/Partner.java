package org.kizuna.federation;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.kizuna.core.federation.PartnerEdge;
import org.kizuna.core.identity.Group;

/**
 * One partner node, as its administrators agreed it out of band.
 *
 * <p>A partner is identified by its certificate: the common name {@code certificateName}, issued
 * by the CA in {@code caFile} (a PEM file in the federation trust directory). The same name
 * issued by another partner's CA is not this partner: each CA vouches for its own nation only.
 *
 * @param nodeId          the partner's node id (its {@code _flow-tags_} name); its Hello must say so
 * @param nation          ISO 3166 alpha-3 of the partner's nation
 * @param accreditation   what the partner may hold, by name; the release guard interprets it
 * @param certificateName common name of the partner node's certificate
 * @param caFile          the partner's CA certificate (PEM)
 * @param dial            where to dial the partner; {@code null} when the partner dials us
 * @param inboundGroups   local groups the partner's events are written into (who may see them)
 * @param outboundGroups  local groups whose traffic may go to the partner (TAK semantics)
 * @param acceptRelayHops how many links an event may have crossed before the partner relays it
 *                        to us; 0 accepts only events the partner's own clients created
 */
public record Partner(String nodeId, String nation, String accreditation, String certificateName, Path caFile,
                      Address dial, Set<Group> inboundGroups, Set<Group> outboundGroups, int acceptRelayHops)
        implements PartnerEdge {

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,63}");
    private static final Pattern ALPHA3 = Pattern.compile("[A-Z]{3}");

    public Partner {
        Objects.requireNonNull(nodeId, "nodeId");
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("partner node id must be an XML name of at most 64 characters: '"
                    + nodeId + "'");
        }
        Objects.requireNonNull(nation, "nation");
        if (!ALPHA3.matcher(nation).matches()) {
            throw new IllegalArgumentException("partner nation must be an ISO 3166 alpha-3 code: '" + nation + "'");
        }
        Objects.requireNonNull(accreditation, "accreditation");
        Objects.requireNonNull(certificateName, "certificateName");
        if (certificateName.isBlank()) {
            throw new IllegalArgumentException("partner certificate name must not be blank");
        }
        Objects.requireNonNull(caFile, "caFile");
        inboundGroups = Set.copyOf(inboundGroups);
        outboundGroups = Set.copyOf(outboundGroups);
        if (inboundGroups.isEmpty()) {
            throw new IllegalArgumentException("partner " + nodeId + " needs at least one inbound group");
        }
        if (acceptRelayHops < 0) {
            throw new IllegalArgumentException("acceptRelayHops must be >= 0: " + acceptRelayHops);
        }
    }

    /** A partner that exchanges everything in the anonymous group: tests and labs. */
    public static Partner open(String nodeId, String nation, String certificateName, Path caFile, Address dial) {
        return new Partner(nodeId, nation, nation, certificateName, caFile, dial, Set.of(Group.ANONYMOUS),
                Set.of(Group.ANONYMOUS), 0);
    }

    public Partner withDial(Address address) {
        return new Partner(nodeId, nation, accreditation, certificateName, caFile, address, inboundGroups,
                outboundGroups, acceptRelayHops);
    }

    public boolean dials() {
        return dial != null;
    }

    /** Where a partner listens. */
    public record Address(String host, int port) {
        public Address {
            Objects.requireNonNull(host, "host");
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("partner port out of range: " + port);
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    @Override
    public String toString() {
        return nodeId + "/" + nation;
    }
}
