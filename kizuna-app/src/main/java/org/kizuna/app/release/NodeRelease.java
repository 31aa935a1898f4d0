package org.kizuna.app.release;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.kizuna.app.config.ConfigException;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.config.PolicyConfig;
import org.kizuna.app.posture.NodePosture;
import org.kizuna.app.posture.PostureFile;
import org.kizuna.core.federation.InboundLabelling;
import org.kizuna.core.federation.PartnerGuard;
import org.kizuna.core.federation.PartnerLabels;
import org.kizuna.core.federation.PartnerReevaluation;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.core.identity.Group;
import org.kizuna.core.release.Clearances;
import org.kizuna.core.release.FirstReleases;
import org.kizuna.core.release.GuardedRelease;
import org.kizuna.core.release.LabelDefaults;
import org.kizuna.core.release.MissingReleasability;
import org.kizuna.core.routing.ReleaseDecision;
import org.kizuna.core.routing.Router;
import org.kizuna.policy.access.AccessControl;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.ObligationApplier;
import org.kizuna.policy.release.ReleaseGuard;
import org.kizuna.policy.release.ReleasePolicy;
import org.kizuna.policy.release.ReleaseRulesYaml;
import org.kizuna.policy.spec.PolicyException;
import org.kizuna.policy.spec.PolicyYaml;
import org.kizuna.policy.spec.SecurityPolicy;
import org.kizuna.server.http.posture.PostureAdmin;
import org.kizuna.store.audit.AuditKey;
import org.kizuna.store.audit.AuditLog;
import org.kizuna.store.files.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's release side, wired by hand from its configuration: the policy and rules files, the
 * posture, the guard, labels and clearances. Without a policy file it is
 * {@link ReleaseDecision#PERMIT_ALL}, the streaming core's behaviour.
 */
public final class NodeRelease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeRelease.class);

    private final ReleaseDecision decision;
    /** The guard's parts federation reuses; null without labels. */
    private final Parts parts;
    private final AuditLog audit;
    private final DecisionAudit decisions;
    private final FirstReleaseAudit firstReleases;
    private final NodePosture posture;

    /** What the partner side is made of: the same guard, applier and audit log as for clients. */
    private record Parts(SecurityPolicy policy, ReleaseGuard guard, ObligationApplier applier, AccessControl access,
                         Map<String, Clearance> partners) {
    }

    /**
     * The release side at the federation boundary: outbound guard, inbound labelling, and what a
     * posture change retracts from partners.
     */
    public record PartnerSide(PartnerRelease release, InboundLabelling labelling, PartnerReevaluation reevaluation) {
    }

    private NodeRelease(ReleaseDecision decision, Parts parts, AuditLog audit, DecisionAudit decisions,
                        FirstReleaseAudit firstReleases, NodePosture posture) {
        this.decision = decision;
        this.parts = parts;
        this.decisions = decisions;
        this.firstReleases = firstReleases;
        this.audit = audit;
        this.posture = posture;
    }

    public static NodeRelease from(NodeConfig config, Clock clock) {
        return from(config, clock, Clearances.EnrolledCertificates.NONE);
    }

    /** {@code enrolled}: certificates signed on the enrollment port hold their account's clearance. */
    public static NodeRelease from(NodeConfig config, Clock clock, Clearances.EnrolledCertificates enrolled) {
        PolicyConfig pc = config.policy();
        if (!pc.enabled()) {
            return new NodeRelease(ReleaseDecision.PERMIT_ALL, null, null, null, null, null);
        }
        SecurityPolicy policy = readPolicy(pc.policyFile().orElseThrow());
        ReleasePolicy rules = readRules(pc.rulesFile().orElseThrow());
        // Every setting is checked before anything is opened, so a mistake leaves nothing behind.
        LabelDefaults defaults = labelDefaults(pc, new Specs(policy));
        Clearances clearances = clearances(pc, new Specs(policy)).withEnrolled(enrolled);
        MissingReleasability missingRelTo = missingRelTo(pc);
        Map<String, Clearance> partners = config.federation() == null ? Map.of()
                : PartnerClearances.of(config.federation().partners(), pc.accreditations(), policy);
        ObligationApplier applier = new ObligationApplier(pseudonymKey(config.dataDir()));
        Posture initial = new Posture(pc.posture());
        AuditKey key;
        AuditLog audit;
        try {
            key = AuditKey.loadOrCreate(config.auditKeyFile());
            audit = AuditLog.open(AuditLog.file(config.dataDir()), key, clock);
        } catch (IOException e) {
            throw new ConfigException("cannot open the audit log or its key (" + config.auditKeyFile() + "): "
                    + e.getMessage(), e);
        }
        DecisionAudit decisions = new DecisionAudit(audit);
        NodePosture posture;
        try {
            posture = NodePosture.start(new PostureFile(config.dataDir(), key), initial, clock, decisions);
        } catch (RuntimeException e) {
            closeQuietly(decisions, audit);
            throw e;
        }
        NodeRelease[] self = new NodeRelease[1];
        AccessControl access = new AccessControl(Map.of(policy.id(), policy));
        ReleaseGuard guard = new ReleaseGuard(access, policy, rules, () -> self[0].posture.current(), decisions);
        FirstReleases tracker = new FirstReleases(FirstReleaseAudit.CAPACITY);
        FirstReleaseAudit firstReleases = new FirstReleaseAudit(decisions, tracker, clock);
        self[0] = new NodeRelease(new GuardedRelease(policy, guard, applier, defaults, clearances, tracker, firstReleases,
                missingRelTo),
                new Parts(policy, guard, applier, access, partners), audit, decisions, firstReleases, posture);
        return self[0];
    }

    private static void closeQuietly(DecisionAudit decisions, AuditLog audit) {
        try {
            decisions.close();
            audit.close();
        } catch (IOException | InterruptedException e) {
            log.warn("closing the audit log: {}", e.toString());
        }
    }

    /**
     * {@code policy.missingRelTo}: {@code originator} limits a client's marking without
     * releasability to {@code node.nation} (or the nation of {@code policy.clearance}); with neither
     * set, such markings are refused rather than left open, and a warning says how to fix it.
     */
    private static MissingReleasability missingRelTo(PolicyConfig pc) {
        if (pc.missingRelTo().equals(PolicyConfig.UNRESTRICTED)) {
            return MissingReleasability.UNRESTRICTED;
        }
        return pc.originatorOnlyNation().map(MissingReleasability::originatorOnly).orElseGet(() -> {
            log.warn("policy.missingRelTo is originator but neither node.nation nor policy.clearance names a nation: "
                    + "markings without releasableTo are refused (no-releasability)");
            return MissingReleasability.REFUSED;
        });
    }

    private static LabelDefaults labelDefaults(PolicyConfig pc, Specs specs) {
        LabelSet fallback = LabelSet.of(specs.label("policy.label", pc.label().orElseThrow()));
        Map<Group, LabelSet> byGroup = new HashMap<>();
        pc.groupLabels().forEach((g, l) -> byGroup.put(new Group(g), LabelSet.of(specs.label("policy.groups." + g, l))));
        Map<String, LabelSet> byClient = new HashMap<>();
        pc.clientLabels().forEach((c, l) -> byClient.put(c, LabelSet.of(specs.label("clients." + c + ".label", l))));
        return new LabelDefaults(byClient, byGroup,
                pc.tlsLabel().map(l -> LabelSet.of(specs.label("streaming.tls.label", l))).orElse(fallback),
                pc.plainLabel().map(l -> LabelSet.of(specs.label("streaming.plain.label", l))).orElse(fallback));
    }

    private static Clearances clearances(PolicyConfig pc, Specs specs) {
        Map<String, Clearance> byClient = new HashMap<>();
        pc.clientClearances().forEach((c, s) -> byClient.put(c, specs.clearance("clients." + c + ".clearance", s)));
        Map<String, Clearance> byWebAccount = new HashMap<>();
        pc.webClearances().forEach((a, s) -> byWebAccount.put(a, specs.clearance("webUsers." + a + ".clearance", s)));
        return new Clearances(byClient, byWebAccount, specs.clearance("policy.clearance", pc.clearance()),
                specs.clearance("policy.anonymousClearance", pc.anonymousClearance()));
    }

    public ReleaseDecision decision() {
        return decision;
    }

    /**
     * The guard at the federation boundary, each partner with the clearance of its accreditation;
     * empty without labels (federation then releases what groups reach, as before).
     *
     * @param heldLabels the labels of the picture item with a given uid, if held: a partner's
     *                   retraction removes an item from the clients that could see it
     */
    public java.util.Optional<PartnerSide> partnerSide(
            java.util.function.Function<String, java.util.Optional<LabelSet>> heldLabels) {
        if (parts == null) {
            return java.util.Optional.empty();
        }
        PartnerGuard guard = new PartnerGuard(parts.guard(), parts.applier(), parts.partners());
        return java.util.Optional.of(new PartnerSide(guard,
                new PartnerLabels(parts.policy(), parts.access(), parts.partners(), heldLabels, decisions),
                new PartnerReevaluation(guard, decisions)));
    }

    /** The posture in force; empty without labels. */
    public java.util.Optional<PostureState> posture() {
        return posture == null ? java.util.Optional.empty() : java.util.Optional.of(posture.current());
    }

    /**
     * Called every second: picks up a change the admin commands saved, and reverts an expired
     * posture (recorded, then saved); a posture file changed by hand is refused, audited, and the
     * node stays in its last valid posture. A new version empties the guard's cache by itself.
     * Returns the posture that was in force before, when it changed, so the caller re-evaluates
     * what clients hold.
     */
    public java.util.Optional<PostureState> refresh() {
        if (posture == null) {
            return java.util.Optional.empty();
        }
        firstReleases.summarize();
        return posture.refresh();
    }

    /**
     * Posture steps for the web API's admins, on the same file and audit log as {@code kizuna
     * posture}; empty without labels (no postures).
     */
    public java.util.Optional<PostureAdmin> postureAdmin() {
        return posture == null ? java.util.Optional.empty() : java.util.Optional.of(posture.steps());
    }

    /**
     * Why the node's audit trail failed (it then releases nothing); empty while it records, and
     * without labels.
     */
    public java.util.Optional<String> auditFailure() {
        return decisions == null ? java.util.Optional.empty() : decisions.failure();
    }

    /** Audit records lost since the trail failed (each named in the node's log); 0 without labels. */
    public long auditRecordsUnwritten() {
        return decisions == null ? 0 : decisions.unwritten();
    }

    /** True when the node keeps an audit trail (labels on). */
    public boolean audited() {
        return decisions != null;
    }

    /** Records each retraction a posture change caused (who was asked to delete what). */
    public void recordRetractions(java.util.List<Router.Retraction> retractions) {
        for (Router.Retraction r : retractions) {
            decisions.append("retracted", "node", r.uid() + " from " + r.recipient());
        }
        if (!retractions.isEmpty()) {
            log.info("posture change retracted {} items from clients", retractions.size());
        }
    }

    @Override
    public void close() throws IOException {
        if (firstReleases != null) {
            firstReleases.summarizeNow();
        }
        if (decisions != null) {
            try {
                decisions.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (audit != null) {
            audit.close();
        }
    }

    private static SecurityPolicy readPolicy(Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            return PolicyYaml.parse(r);
        } catch (IOException | PolicyException e) {
            throw new ConfigException("policy.file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ReleasePolicy readRules(Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            return ReleaseRulesYaml.parse(r);
        } catch (IOException | PolicyException e) {
            throw new ConfigException("policy.rules " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The node's secret for uid pseudonyms ({@code DATA/policy/pseudonym.key}, made on first use):
     * stable across restarts so a unit keeps one track, never shared with anyone.
     */
    static byte[] pseudonymKey(Path dataDir) {
        Path file = dataDir.resolve("policy").resolve("pseudonym.key");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
            OwnerOnlyFiles.directory(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            // created rw------- in the call that creates it: a chmod afterwards left a moment to read it
            OwnerOnlyFiles.createNew(file, key);
            return key;
        } catch (IOException e) {
            throw new ConfigException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }
}
