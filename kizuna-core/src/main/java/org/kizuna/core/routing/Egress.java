package org.kizuna.core.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.kizuna.core.identity.Recipient;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.Obligations;
import org.kizuna.policy.release.Verdict;

/**
 * The one egress decision, asked by every outbound edge at the moment it sends: a TAK session's
 * queue, a browser's live feed, a REST answer (picture, history, contacts), a disconnect notice,
 * a retraction's re-send. It asks the release side for the recipient's verdict under the posture
 * in force and hands back the event shaped by the obligations (one shared variant per obligation
 * set); a first release is recorded for the audit. Deny by default: an event without a label
 * while labels are on is denied by the release side, never passed.
 */
public final class Egress {

    private final ReleaseDecision release;

    public Egress(ReleaseDecision release) {
        this.release = release;
    }

    /**
     * One decision: denied (with the reason), or permitted with the copy this recipient may have
     * and the delay before it may have it.
     */
    public record Outcome(RoutedEvent copy, Obligations obligations, String denial) {

        static Outcome denied(String reason) {
            return new Outcome(null, Obligations.NONE, reason);
        }

        public boolean permitted() {
            return copy != null;
        }

        public Duration delay() {
            return obligations.delay();
        }
    }

    /** What {@code recipient} may have of {@code routed} now, by the posture in force. */
    public Outcome decide(RoutedEvent routed, Recipient recipient) {
        return outcome(routed, release.decide(routed, recipient));
    }

    /** The verdict alone, for the fan-out's hot path ({@link #shaped} gives the copy). */
    Verdict verdict(RoutedEvent routed, Recipient recipient) {
        return release.decide(routed, recipient);
    }

    /** {@code routed} shaped by {@code obligations}: itself when they change nothing, else the shared variant. */
    RoutedEvent shaped(RoutedEvent routed, Obligations obligations) {
        return obligations.altersEvent() ? routed.variant(obligations, e -> release.apply(e, obligations)) : routed;
    }

    /** What {@code recipient} could have had under an {@code earlier} posture (to retract what it may no longer hold). */
    public Outcome decideUnder(PostureState earlier, RoutedEvent routed, Recipient recipient) {
        return outcome(routed, release.decideUnder(earlier, routed, recipient));
    }

    private Outcome outcome(RoutedEvent routed, Verdict verdict) {
        if (!verdict.permitted()) {
            return Outcome.denied(verdict.reason());
        }
        Obligations o = verdict.obligations();
        return new Outcome(shaped(routed, o), o, null);
    }

    /** {@code recipient} was handed {@code routed} under {@code obligations}: a first release is audited. */
    public void released(RoutedEvent routed, Recipient recipient, Obligations obligations) {
        release.released(routed, recipient, obligations);
    }

    /** False only when {@code recipient} was certainly never handed a copy named {@code uid} (see {@link ReleaseDecision}). */
    public boolean mayHaveHanded(Recipient recipient, String uid) {
        return release.mayHaveHanded(recipient, uid);
    }

    /**
     * For an answer given now (a REST view of the live picture): the copy when released without a
     * pending delay, recorded as a release; empty when denied or not yet due.
     */
    public Optional<RoutedEvent> releaseNow(RoutedEvent routed, Recipient recipient) {
        Outcome o = decide(routed, recipient);
        if (!o.permitted() || !o.delay().isZero()) {
            return Optional.empty();
        }
        released(routed, recipient, o.obligations());
        return Optional.of(o.copy());
    }

    /**
     * For a stored event (history): as {@link #releaseNow}, with the delay counted from when the
     * node received it, so an old enough event is released and a fresh one is not yet.
     */
    public Optional<RoutedEvent> releaseStored(RoutedEvent stored, Instant receivedAt, Instant now,
                                               Recipient recipient) {
        Outcome o = decide(stored, recipient);
        if (!o.permitted() || receivedAt.plus(o.delay()).isAfter(now)) {
            return Optional.empty();
        }
        released(stored, recipient, o.obligations());
        return Optional.of(o.copy());
    }

    /** The release side it decides with (markings, posture, labelling). */
    public ReleaseDecision release() {
        return release;
    }
}
