package org.kizuna.app.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code policy:} section and the label and clearance settings of inputs, groups and clients.
 * Without a policy file labels are off: every group-reachable event is released, as before.
 *
 * @param policyFile          the node's security policy (YAML); empty for labels off
 * @param rulesFile           the release rules of each posture (YAML)
 * @param posture             the posture the node starts in
 * @param label               label of an unlabelled event when nothing more specific applies
 * @param clearance           clearance of certificate clients without their own
 * @param anonymousClearance  clearance of plain-TCP clients
 * @param tlsLabel            default label of the TLS input (falls back to {@code label})
 * @param plainLabel          default label of the plain input (falls back to {@code label})
 * @param groupLabels         default label by group name
 * @param clientLabels        default label by certificate common name
 * @param clientClearances    clearance by certificate common name
 * @param accreditations      partner accreditations by name ({@code federation.partners.ID.accreditation})
 * @param webClearances       clearance by web account name ({@code webUsers.NAME.clearance}); others get {@code clearance}
 * @param missingRelTo        what a client's marking without "Releasable To" means: {@link #ORIGINATOR} (this
 *                            node's nation only; the default) or {@link #UNRESTRICTED} (no releasability limit)
 * @param nodeNation          {@code node.nation}, the originator's nation of what local clients send
 */
public record PolicyConfig(Optional<Path> policyFile, Optional<Path> rulesFile, String posture, Optional<LabelSpec> label,
                           ClearanceSpec clearance, ClearanceSpec anonymousClearance, Optional<LabelSpec> tlsLabel,
                           Optional<LabelSpec> plainLabel, Map<String, LabelSpec> groupLabels,
                           Map<String, LabelSpec> clientLabels, Map<String, ClearanceSpec> clientClearances,
                           Map<String, AccreditationSpec> accreditations, Map<String, ClearanceSpec> webClearances,
                           String missingRelTo, Optional<String> nodeNation) {

    public static final String ORIGINATOR = "originator";
    public static final String UNRESTRICTED = "unrestricted";

    public static final PolicyConfig OFF = new PolicyConfig(Optional.empty(), Optional.empty(), "PEACETIME",
            Optional.empty(), ClearanceSpec.NOTHING, ClearanceSpec.NOTHING, Optional.empty(), Optional.empty(),
            Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), ORIGINATOR, Optional.empty());

    public PolicyConfig {
        Objects.requireNonNull(policyFile, "policyFile");
        Objects.requireNonNull(rulesFile, "rulesFile");
        Objects.requireNonNull(posture, "posture");
        groupLabels = Map.copyOf(groupLabels);
        clientLabels = Map.copyOf(clientLabels);
        clientClearances = Map.copyOf(clientClearances);
        accreditations = Map.copyOf(accreditations);
        webClearances = Map.copyOf(webClearances);
        if (!missingRelTo.equals(ORIGINATOR) && !missingRelTo.equals(UNRESTRICTED)) {
            throw new IllegalArgumentException("policy.missingRelTo must be " + ORIGINATOR + " or " + UNRESTRICTED
                    + ", not '" + missingRelTo + "'");
        }
        Objects.requireNonNull(nodeNation, "nodeNation");
        if (policyFile.isPresent() && (rulesFile.isEmpty() || label.isEmpty())) {
            throw new IllegalArgumentException("policy.file needs policy.rules and policy.label as well");
        }
    }

    public boolean enabled() {
        return policyFile.isPresent();
    }

    /**
     * The nation a client's marking without releasability is limited to, or empty when such
     * markings stay unlimited: {@code node.nation}, else the nation of {@code policy.clearance}.
     */
    public Optional<String> originatorOnlyNation() {
        if (missingRelTo.equals(UNRESTRICTED)) {
            return Optional.empty();
        }
        return nodeNation.or(() -> clearance.nation().isBlank() ? Optional.empty() : Optional.of(clearance.nation()));
    }
}
