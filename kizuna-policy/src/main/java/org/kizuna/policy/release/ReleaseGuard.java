package org.kizuna.policy.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.kizuna.cot.CotType;
import org.kizuna.policy.access.AccessControl;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.spec.SecurityPolicy;

/**
 * The one egress decision (reference §7.2): may this recipient hold this labelled event, and
 * under the posture in force, with which obligations? Two steps:
 * <ol>
 *   <li>the access decision of §1.3 (through the alternative label or an equivalence when the
 *       recipient works under another policy; no mapping, deny);</li>
 *   <li>the posture's release rules in order, the first that covers the event decides; none
 *       covers it, deny.</li>
 * </ol>
 * What depends only on (label, clearance, posture version) is cached: the access answer and the
 * rules that cover that label and recipient. Per event only the type and area checks remain.
 * The cache is bounded; past {@link #MAX_CACHED} entries it starts again empty. When the
 * listener (the audit log) stops recording, every decision is a denial ({@link #AUDIT_DOWN}).
 */
public final class ReleaseGuard {

    static final int MAX_CACHED = 100_000;
    static final int MAX_INTERNED = 10_000;

    private record DecisionKey(LabelKey label, ClearanceKey clearance, long version) {
    }

    /**
     * Cached for one key: null rules when access is denied; the verdict of each rule, and the one
     * when none covers the event, made once (a fan-out asks for them recipient after recipient).
     */
    private record Covered(List<ReleaseRule> rules, Verdict[] verdicts, Verdict uncovered) {

        static Covered of(List<ReleaseRule> rules, String posture) {
            Verdict[] verdicts = new Verdict[rules.size()];
            for (int i = 0; i < verdicts.length; i++) {
                ReleaseRule r = rules.get(i);
                verdicts[i] = r.permit() ? Verdict.permit(r.obligations(), r.name()) : Verdict.deny("rule " + r.name());
            }
            return new Covered(List.copyOf(rules), verdicts, Verdict.deny("no rule of " + posture + " covers it"));
        }
    }

    private static final Verdict NO_CLEARANCE = Verdict.deny("clearance");
    /** The reason of every denial once the decisions cannot be recorded (fail closed). */
    public static final String AUDIT_DOWN = "audit-down";
    private static final Verdict NOT_RECORDED = Verdict.deny(AUDIT_DOWN);
    private static final Covered NO_ACCESS = new Covered(null, null, NO_CLEARANCE);

    private final AccessControl access;
    private final SecurityPolicy policy;
    private final ReleasePolicy rules;
    private final Supplier<PostureState> posture;
    private final DecisionListener listener;
    private final Map<DecisionKey, Covered> cache = new ConcurrentHashMap<>();
    private final Map<LabelSet, LabelKey> labels = new ConcurrentHashMap<>();
    private final Map<Clearance, ClearanceKey> clearances = new ConcurrentHashMap<>();
    private volatile long cachedVersion = -1;

    /**
     * @param policy  the node's own policy: release rules' label conditions are read under it
     * @param posture the posture in force, read per decision (a volatile read)
     */
    public ReleaseGuard(AccessControl access, SecurityPolicy policy, ReleasePolicy rules, Supplier<PostureState> posture) {
        this(access, policy, rules, posture, DecisionListener.NONE);
    }

    /** {@code listener} hears every decision that was not cached yet (for the audit log). */
    public ReleaseGuard(AccessControl access, SecurityPolicy policy, ReleasePolicy rules, Supplier<PostureState> posture,
                        DecisionListener listener) {
        this.access = access;
        this.policy = policy;
        this.rules = rules;
        this.posture = posture;
        this.listener = listener;
    }

    /** The posture in force now (what {@link #decide} reads). */
    public PostureState posture() {
        return posture.get();
    }

    /** The cache key of {@code labels}; call once per event. Interned up to {@link #MAX_INTERNED} labels. */
    public LabelKey key(LabelSet set) {
        LabelKey k = labels.get(set);
        if (k != null) {
            return k;
        }
        if (labels.size() >= MAX_INTERNED) {
            return new LabelKey(set); // correct, only not shared: a flood of invented labels cannot grow memory
        }
        return labels.computeIfAbsent(set, LabelKey::new);
    }

    /** The cache key of {@code clearance}; call once per session or partner. */
    public ClearanceKey key(Clearance clearance) {
        ClearanceKey k = clearances.get(clearance);
        if (k != null) {
            return k;
        }
        if (clearances.size() >= MAX_INTERNED) {
            return new ClearanceKey(clearance);
        }
        return clearances.computeIfAbsent(clearance, ClearanceKey::new);
    }

    /** The decision for one event of {@code type} at {@code lat, lon} with {@code label}, to {@code recipient}. */
    public Verdict decide(LabelKey label, ClearanceKey recipient, CotType type, double lat, double lon) {
        if (!listener.recording()) {
            return NOT_RECORDED;
        }
        PostureState state = posture.get();
        DecisionKey key = new DecisionKey(label, recipient, state.version());
        Covered covered = cache.get(key);
        if (covered == null) {
            if (state.version() != cachedVersion) {
                // entries of older postures can never be hit again
                cache.clear();
                cachedVersion = state.version();
            }
            covered = cover(label.labels(), recipient.clearance(), state);
            listener.decided(label.labels(), recipient.clearance(), state, covered.rules() != null,
                    covered.rules() == null ? List.of() : covered.rules().stream().map(ReleaseRule::name).toList());
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, covered);
        }
        if (covered.rules() == null) {
            return NO_CLEARANCE;
        }
        List<ReleaseRule> candidates = covered.rules();
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).coversEvent(type, lat, lon)) {
                return covered.verdicts()[i];
            }
        }
        return covered.uncovered();
    }

    /**
     * The decision under {@code posture} instead of the one in force, uncached: for comparing what
     * was released before a posture change with what may be released now (retraction).
     */
    public Verdict decideUnder(PostureState posture, LabelKey label, ClearanceKey recipient, CotType type, double lat,
                               double lon) {
        Covered covered = cover(label.labels(), recipient.clearance(), posture);
        if (covered.rules() == null) {
            return Verdict.deny("clearance");
        }
        for (ReleaseRule r : covered.rules()) {
            if (r.coversEvent(type, lat, lon)) {
                return r.permit() ? Verdict.permit(r.obligations(), r.name()) : Verdict.deny("rule " + r.name());
            }
        }
        return Verdict.deny("no rule of " + posture.posture().name() + " covers it");
    }

    private Covered cover(LabelSet labelSet, Clearance recipient, PostureState state) {
        if (!access.permits(recipient, labelSet)) {
            return NO_ACCESS;
        }
        Optional<SecurityLabel> ours = access.labelFor(labelSet, policy.id());
        List<ReleaseRule> covering = new ArrayList<>();
        for (ReleaseRule r : rules.rules(state.posture().name())) {
            if (r.coversLabel(policy, ours, recipient)) {
                covering.add(r);
            }
        }
        return Covered.of(covering, state.posture().name());
    }

    /**
     * The coarsest grid any rule of any posture may snap a position to (0: none coarsens): how
     * far a released copy may lie from the stored position, for filters that must not select on
     * more than the caller sees.
     */
    public double maxCoarsenMetres() {
        double max = 0;
        for (List<ReleaseRule> byPosture : rules.rulesByPosture().values()) {
            for (ReleaseRule r : byPosture) {
                max = Math.max(max, r.obligations().coarsenMetres());
            }
        }
        return max;
    }

    /** Entries in the decision cache (for metrics and tests). */
    public int cached() {
        return cache.size();
    }
}
