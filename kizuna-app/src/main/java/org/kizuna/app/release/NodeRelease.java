package org.kizuna.app.release;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.kizuna.app.config.ConfigException;
import org.kizuna.app.config.NodeConfig;
import org.kizuna.app.config.PolicyConfig;
import org.kizuna.policy.access.AccessControl;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureControl;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.ObligationApplier;
import org.kizuna.policy.release.ReleaseGuard;
import org.kizuna.policy.release.ReleasePolicy;
import org.kizuna.policy.release.ReleaseRulesYaml;
import org.kizuna.policy.spec.PolicyException;
import org.kizuna.policy.spec.PolicyYaml;
import org.kizuna.policy.spec.SecurityPolicy;
import org.kizuna.server.release.Clearances;
import org.kizuna.server.release.GuardedRelease;
import org.kizuna.server.release.LabelDefaults;
import org.kizuna.server.routing.ReleaseDecision;
import org.kizuna.server.session.Group;

/**
 * The node's release side, wired by hand from its configuration: the policy and rules files, the
 * posture, the guard, labels and clearances. Without a policy file it is
 * {@link ReleaseDecision#PERMIT_ALL}, the streaming core's behaviour.
 */
public final class NodeRelease {

    private final ReleaseDecision decision;
    private final PostureControl posture;

    private NodeRelease(ReleaseDecision decision, PostureControl posture) {
        this.decision = decision;
        this.posture = posture;
    }

    public static NodeRelease from(NodeConfig config, Clock clock) {
        PolicyConfig pc = config.policy();
        if (!pc.enabled()) {
            return new NodeRelease(ReleaseDecision.PERMIT_ALL, null);
        }
        SecurityPolicy policy = readPolicy(pc.policyFile().orElseThrow());
        ReleasePolicy rules = readRules(pc.rulesFile().orElseThrow());
        PostureControl posture = new PostureControl(PostureState.initial(new Posture(pc.posture()), clock.instant()),
                Posture.PEACETIME, PostureControl.DEFAULT_REQUEST_TIMEOUT, clock);
        ReleaseGuard guard = new ReleaseGuard(new AccessControl(Map.of(policy.id(), policy)), policy, rules, posture::current);
        Specs specs = new Specs(policy);
        LabelSet fallback = LabelSet.of(specs.label("policy.label", pc.label().orElseThrow()));
        Map<Group, LabelSet> byGroup = new HashMap<>();
        pc.groupLabels().forEach((g, l) -> byGroup.put(new Group(g), LabelSet.of(specs.label("policy.groups." + g, l))));
        Map<String, LabelSet> byClient = new HashMap<>();
        pc.clientLabels().forEach((c, l) -> byClient.put(c, LabelSet.of(specs.label("clients." + c + ".label", l))));
        LabelDefaults defaults = new LabelDefaults(byClient, byGroup,
                pc.tlsLabel().map(l -> LabelSet.of(specs.label("streaming.tls.label", l))).orElse(fallback),
                pc.plainLabel().map(l -> LabelSet.of(specs.label("streaming.plain.label", l))).orElse(fallback));
        Map<String, Clearance> clearances = new HashMap<>();
        pc.clientClearances().forEach((c, s) -> clearances.put(c, specs.clearance("clients." + c + ".clearance", s)));
        Clearances all = new Clearances(clearances, specs.clearance("policy.clearance", pc.clearance()),
                specs.clearance("policy.anonymousClearance", pc.anonymousClearance()));
        ObligationApplier applier = new ObligationApplier(pseudonymKey(config.dataDir()));
        return new NodeRelease(new GuardedRelease(policy, guard, applier, defaults, all), posture);
    }

    public ReleaseDecision decision() {
        return decision;
    }

    /** Expires postures and lapses requests; call periodically. No-op without labels. */
    public void tick() {
        if (posture != null) {
            posture.tick();
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
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.write(file, key);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            return key;
        } catch (IOException e) {
            throw new ConfigException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }
}
