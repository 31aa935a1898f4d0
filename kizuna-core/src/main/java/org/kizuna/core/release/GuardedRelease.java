package org.kizuna.core.release;

import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.identity.Recipient;
import org.kizuna.core.routing.Ingest;
import org.kizuna.core.routing.LabelMarking;
import org.kizuna.core.routing.Refusal;
import org.kizuna.core.routing.ReleaseDecision;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.cot.CotEvent;
import org.kizuna.policy.access.AccessDecision;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.access.LabelTranslator;
import org.kizuna.policy.cot.EventLabels;
import org.kizuna.policy.label.LabelFormatException;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.ClearanceKey;
import org.kizuna.policy.release.LabelKey;
import org.kizuna.policy.release.ObligationApplier;
import org.kizuna.policy.release.Obligations;
import org.kizuna.policy.release.ReleaseGuard;
import org.kizuna.policy.release.Verdict;
import org.kizuna.policy.spec.Equivalence;
import org.kizuna.policy.spec.SecurityPolicy;

/**
 * The router's release seam backed by the {@link ReleaseGuard}.
 *
 * <p>At ingest an event keeps the label it carries, or gets its sender's default; a label under
 * another policy, one the policy does not define, or one above the sender's clearance is refused
 * rather than changed: lowering it would release what the sender marked as more sensitive, and
 * raising it silently would hide a sender's mistake. Alternatives under partner policies are
 * computed here from the policy's equivalences, never taken from the sender. The label is then
 * written into the event ({@code <__seclabel>} and TAK's attributes), so it is stored and
 * forwarded with it.
 */
public final class GuardedRelease implements ReleaseDecision {

    private final SecurityPolicy policy;
    private final EventLabels eventLabels;
    private final ReleaseGuard guard;
    private final ObligationApplier applier;
    private final LabelDefaults defaults;
    private final Clearances clearances;
    private final LabelMarkings markings;
    private final Map<String, ClearanceKey> keysByClient = new HashMap<>();
    private final Map<String, ClearanceKey> keysByWebAccount = new HashMap<>();
    private final ClearanceKey defaultKey;
    private final ClearanceKey anonymousKey;
    /** The configured default labels, checked and keyed once (looked up by identity: no hashing per event). */
    private final Map<LabelSet, Prepared> preparedDefaults = new IdentityHashMap<>();
    /** How each label is written into events; bounded like the guard's interned labels. */
    private final Map<LabelKey, EventLabels.Form> forms = new ConcurrentHashMap<>();
    private final FirstReleases firstReleases;
    private final FirstReleaseListener firstReleaseListener;
    private final MissingReleasability missingRelTo;

    /** A sender-independent view of one label: refused with a reason, or the full set and its key. */
    private record Prepared(SecurityLabel own, LabelSet full, LabelKey key, Refusal refusal) {
    }

    /** A guard without the audit of first releases (tests, benchmarks). */
    public GuardedRelease(SecurityPolicy policy, ReleaseGuard guard, ObligationApplier applier, LabelDefaults defaults,
                          Clearances clearances) {
        this(policy, guard, applier, defaults, clearances, new FirstReleases(1), FirstReleaseListener.NONE);
    }

    public GuardedRelease(SecurityPolicy policy, ReleaseGuard guard, ObligationApplier applier, LabelDefaults defaults,
                          Clearances clearances, FirstReleases firstReleases, FirstReleaseListener firstReleaseListener) {
        this(policy, guard, applier, defaults, clearances, firstReleases, firstReleaseListener,
                MissingReleasability.UNRESTRICTED);
    }

    /** @param missingRelTo what a client's marking that names no releasability means */
    public GuardedRelease(SecurityPolicy policy, ReleaseGuard guard, ObligationApplier applier, LabelDefaults defaults,
                          Clearances clearances, FirstReleases firstReleases, FirstReleaseListener firstReleaseListener,
                          MissingReleasability missingRelTo) {
        this.missingRelTo = missingRelTo;
        this.firstReleases = firstReleases;
        this.firstReleaseListener = firstReleaseListener;
        this.policy = policy;
        this.eventLabels = new EventLabels(policy);
        this.guard = guard;
        this.applier = applier;
        this.defaults = defaults;
        this.clearances = clearances;
        clearances.byClient().forEach((name, c) -> keysByClient.put(name, guard.key(c)));
        clearances.byWebAccount().forEach((name, c) -> keysByWebAccount.put(name, guard.key(c)));
        this.markings = new LabelMarkings(policy);
        this.defaultKey = guard.key(clearances.certificateDefault());
        this.anonymousKey = guard.key(clearances.anonymous());
        for (LabelSet d : defaults.all()) {
            preparedDefaults.put(d, prepare(d));
        }
    }

    @Override
    public Ingest label(CotEvent event, Recipient sender) {
        Optional<LabelSet> carried;
        try {
            carried = eventLabels.readFromClient(event);
        } catch (LabelFormatException e) {
            return Ingest.refused(event, Refusal.BAD_LABEL, "bad-label: " + e.getMessage());
        }
        LabelSet source = defaults.labelFor(sender, policy);
        if (carried.isPresent()) {
            source = completed(carried.get());
            if (source == null) {
                return Ingest.refused(event, Refusal.NO_RELEASABILITY);
            }
        }
        Prepared p = preparedDefaults.get(source);
        if (p == null) {
            p = prepare(source);
        }
        if (p.refusal() != null) {
            return Ingest.refused(event, p.refusal());
        }
        if (!AccessDecision.permits(clearanceKey(sender).clearance(), p.own())) {
            return Ingest.refused(event, Refusal.LABEL_ABOVE_CLEARANCE);
        }
        return Ingest.labelled(eventLabels.write(event, formOf(p)), p.key());
    }

    /**
     * A client's own marking: its originator label (alternatives it supplies are recomputed, never
     * taken), read as {@link MissingReleasability} says when it names no releasability; null when
     * it must be refused.
     */
    private LabelSet completed(LabelSet carried) {
        SecurityLabel own = carried.originator();
        switch (missingRelTo.mode()) {
            case ORIGINATOR_ONLY -> own = eventLabels.originatorOnlyWhenUnreleasable(own, missingRelTo.nation());
            case REFUSED -> {
                if (!eventLabels.namesReleasability(own)) {
                    return null;
                }
            }
            case UNRESTRICTED -> {
            }
        }
        return own == carried.originator() && carried.alternatives().isEmpty() ? carried : LabelSet.of(own);
    }

    /** A label under another policy, or one this policy does not define, is a marking the node cannot honour. */
    private Prepared prepare(LabelSet source) {
        SecurityLabel own = source.originator();
        if (!own.policyId().equals(policy.id()) || !policy.problems(own).isEmpty()) {
            return new Prepared(own, null, null, Refusal.BAD_LABEL);
        }
        LabelSet full = withAlternatives(own);
        return new Prepared(own, full, guard.key(full), null);
    }

    private EventLabels.Form formOf(Prepared p) {
        EventLabels.Form f = forms.get(p.key());
        if (f == null) {
            if (forms.size() >= 10_000) {
                forms.clear(); // a flood of invented labels must not grow memory
            }
            f = eventLabels.form(p.full());
            forms.put(p.key(), f);
        }
        return f;
    }

    @Override
    public CotEvent relabel(CotEvent event, LabelKey label) {
        if (label == null) {
            return event; // the item had no label: the notice is denied to everyone by decide()
        }
        EventLabels.Form f = forms.get(label);
        if (f == null) {
            f = eventLabels.form(label.labels());
        }
        return eventLabels.write(event, f);
    }

    @Override
    public Ingest restored(CotEvent event) {
        try {
            Optional<LabelSet> stored = eventLabels.read(event);
            if (stored.isEmpty()) {
                return Ingest.refused(event, Refusal.UNLABELLED, "stored without a label");
            }
            return Ingest.labelled(event, guard.key(stored.get()));
        } catch (LabelFormatException e) {
            return Ingest.refused(event, Refusal.UNLABELLED, "stored label unreadable: " + e.getMessage());
        }
    }

    @Override
    public Verdict decide(RoutedEvent delivery, Recipient recipient) {
        if (delivery.label() == null) {
            return Verdict.deny("unlabelled"); // every event is labelled at ingest; this is a bug, not a permit
        }
        CotEvent e = delivery.decidedOn();
        return guard.decide(delivery.label(), clearanceKey(recipient), e.type(), e.point().lat(), e.point().lon());
    }

    @Override
    public Verdict decideUnder(PostureState earlier, RoutedEvent delivery, Recipient recipient) {
        if (delivery.label() == null) {
            return Verdict.deny("unlabelled");
        }
        CotEvent e = delivery.decidedOn();
        return guard.decideUnder(earlier, delivery.label(), clearanceKey(recipient), e.type(), e.point().lat(),
                e.point().lon());
    }

    @Override
    public void released(RoutedEvent delivery, Recipient recipient, Obligations obligations) {
        if (delivery.label() == null) {
            return;
        }
        // One tracker of what each recipient holds, under the uid it knows it by (the pseudonym
        // when identity was dropped): it says which release is a first one to audit, and which
        // copies a retraction may name.
        String name = recipient.identity().name();
        String handed = obligations.dropIdentity()
                ? delivery.variant(obligations, e -> applier.apply(e, obligations)).event().uid() : delivery.event().uid();
        if (firstReleases.released(name, handed) == FirstReleases.Outcome.FIRST
                && firstReleaseListener != FirstReleaseListener.NONE) {
            firstReleaseListener.firstRelease(name, delivery.event(), delivery.label().labels(), obligations);
        }
    }

    @Override
    public boolean mayHaveHanded(Recipient recipient, String uid) {
        return firstReleases.mayHaveReleased(recipient.identity().name(), uid);
    }

    @Override
    public CotEvent apply(CotEvent event, Obligations obligations) {
        return applier.apply(event, obligations);
    }

    @Override
    public LabelMarking marking(LabelKey label) {
        return label == null ? null : markings.of(label);
    }

    @Override
    public Optional<String> dominantBanner(Collection<String> markingIds) {
        return Optional.of(markings.dominantBanner(markingIds));
    }

    @Override
    public double maxCoarsenMetres() {
        return guard.maxCoarsenMetres();
    }

    @Override
    public Optional<PostureState> posture() {
        return Optional.of(guard.posture());
    }

    @Override
    public Recipient recipient(ClientIdentity identity, GroupMembership groups) {
        return new Recipient(identity, groups, keyFor(identity));
    }

    /** The recipient's clearance key: resolved when it was made, else (a recipient made elsewhere) now. */
    private ClearanceKey clearanceKey(Recipient recipient) {
        ClearanceKey k = recipient.clearance();
        return k != null ? k : keyFor(recipient.identity());
    }

    private ClearanceKey keyFor(ClientIdentity identity) {
        if (!identity.authenticated()) {
            return anonymousKey;
        }
        Optional<String> account = identity.webAccount();
        ClearanceKey k = account.isPresent() ? keysByWebAccount.get(account.get()) : keysByClient.get(identity.name());
        return k != null ? k : defaultKey;
    }

    /** The clearance of {@code identity}, for logs and tests. */
    public Clearance clearanceOf(ClientIdentity identity) {
        return keyFor(identity).clearance();
    }

    private LabelSet withAlternatives(SecurityLabel own) {
        LabelSet set = LabelSet.of(own);
        for (Equivalence eq : policy.equivalences().values()) {
            Optional<SecurityLabel> alt = LabelTranslator.translate(own, eq);
            if (alt.isPresent()) {
                set = set.withAlternative(alt.get());
            }
        }
        return set;
    }
}
