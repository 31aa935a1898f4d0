package org.kizuna.core.leaks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.testing.RecordingSubscriber;
import org.kizuna.policy.posture.PostureState;

/**
 * Checks what local subscribers were handed (live fan-out, the picture on connect, delayed
 * releases, re-sends and retractions after a posture change, disconnect notices), keeps what
 * each session holds, and checks after a posture change that every copy a session may no
 * longer hold as it holds it was retracted.
 */
final class LocalChecks {

    /** A release the router held back: run when the clock has passed its delay. */
    private record Held(Session session, Duration delay, Runnable release, Instant at, PostureState under) {
    }

    private final Node node;
    private final Oracle oracle;
    private final OracleBook book;
    private final LeakTally tally;
    private final CopyVerifier verifier;
    private final Map<RoutedEvent, DeliveredCopy> parsed = new HashMap<>();
    private final List<Held> held = new ArrayList<>();

    LocalChecks(Node node, Oracle oracle, OracleBook book, LeakTally tally) {
        this.node = node;
        this.oracle = oracle;
        this.book = book;
        this.tally = tally;
        this.verifier = new CopyVerifier(oracle);
    }

    DeliveredCopy read(RoutedEvent r) {
        return parsed.computeIfAbsent(r, e -> DeliveredCopy.read(e.xml()));
    }

    /** Checks what every session was handed since the last call; returns the uids retracted, per session. */
    Map<Session, Set<String>> drain(List<Session> sessions, Phase phase) {
        Map<Session, Set<String>> retracted = new HashMap<>();
        for (Session s : sessions) {
            Set<String> r = new HashSet<>();
            for (RoutedEvent e : s.subscriber.takeRouted()) {
                delivered(s, read(e), phase, r);
            }
            for (RecordingSubscriber.Deferred d : s.subscriber.takeDeferred()) {
                held.add(new Held(s, d.delay(), d.release(), node.now(), node.posture()));
            }
            retracted.put(s, r);
        }
        return retracted;
    }

    /** Runs every held release that is due, each checked as a delayed release. */
    void runDue(List<Session> sessions) {
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (!sessions.contains(h.session())) {
                it.remove(); // its client left: the transport drops what was scheduled for it
            } else if (!h.at().plus(h.delay()).isAfter(node.now())) {
                it.remove();
                h.release().run();
                drain(List.of(h.session()), Phase.deferred("delayed-release", h.at(), h.under()));
            }
        }
    }

    private void delivered(Session s, DeliveredCopy copy, Phase phase, Set<String> retracted) {
        OracleBook.Source src = book.source(copy.time());
        if (src == null) {
            nodeMade(s, copy, phase, retracted);
            return;
        }
        tally.delivered(phase.edge());
        String context = phase.edge() + " to " + s + " " + s.clearance;
        if (!canRead(s.client.out(), src.writeGroups())) {
            leak(context, src, copy, List.of("the recipient reads none of the groups " + src.writeGroups()));
        }
        if (src.pub().pointToPoint() && (s.selfUid == null || !src.pub().addressees().contains(s.selfUid))) {
            leak(context, src, copy, List.of("point-to-point, but the recipient (uid " + s.selfUid + ") is not addressed"));
        }
        Shaping[] permitted = new Shaping[1];
        List<String> problems = verifier.problems(copy, src, s.clearance, node.posture().posture().name(), permitted);
        Shaping shaping = permitted[0];
        if (shaping != null) {
            delay(phase, src, s.clearance, shaping, problems);
        }
        if (!problems.isEmpty()) {
            leak(context, src, copy, problems);
        }
        book.told(s.client.name(), copy.uid());
        if (src.isItem()) {
            s.holdings.put(copy.uid(), new Session.Holding(src, shaping == null ? Shaping.NONE : shaping,
                    phase.edge() + " under " + node.posture().posture() + " at " + node.now()));
        } else if (src.pub().kind() == Publication.Kind.DELETE) {
            copy.linkUids().forEach(s.holdings::remove);
        }
    }

    /** Nothing delayed leaves before its delay: at once only when the permit has none. */
    private void delay(Phase phase, OracleBook.Source src, OracleClearance who, Shaping now, List<String> problems) {
        if (!phase.isDeferred()) {
            if (now.delaySeconds() > 0) {
                problems.add("released at once, though delayed by " + now.delaySeconds() + " s");
            }
            return;
        }
        Optional<Shaping> then = oracle.decide(src.label(), who, phase.heldUnder().posture().name(), src.pub().type(),
                src.pub().lat(), src.pub().lon());
        long waited = Duration.between(phase.heldAt(), node.now()).toSeconds();
        if (then.isPresent() && waited < then.get().delaySeconds()) {
            problems.add("released after " + waited + " s, though delayed by " + then.get().delaySeconds() + " s");
        }
    }

    /** A retraction (only a uid the session was told) or a disconnect notice (as its report's release). */
    private void nodeMade(Session s, DeliveredCopy copy, Phase phase, Set<String> retracted) {
        String context = phase.edge() + " to " + s + " " + s.clearance;
        if (copy.uid().startsWith("retract-") && copy.has("__forcedelete") && copy.label() == null
                && copy.linkUids().size() == 1) {
            String uid = copy.linkUids().get(0);
            if (!book.wasTold(s.client.name(), uid)) {
                long pending = held.stream().filter(h -> h.session() == s).count();
                leak(context, null, copy, List.of("a retraction names " + uid + ", which the recipient's identity was never told"
                        + (pending > 0 ? " (a delayed release is pending for it)" : "")));
            }
            retracted.add(uid);
            s.holdings.remove(uid);
            tally.delivered("retraction");
            return;
        }
        List<OracleBook.Source> reports = aboutReports(copy);
        if (!reports.isEmpty()) {
            tally.delivered("disconnect-notice");
            List<String> problems = noticeProblems(copy, reports, s.clearance, s.client.out());
            if (!problems.isEmpty()) {
                leak(context, reports.get(0), copy, problems);
            }
            copy.linkUids().forEach(s.holdings::remove);
            book.told(s.client.name(), copy.uid());
            return;
        }
        leak(context, null, copy, List.of("a delivery the oracle cannot explain"));
    }

    /** The reports a disconnect notice may be about: those whose notices were made at its time. */
    List<OracleBook.Source> aboutReports(DeliveredCopy copy) {
        return copy.type().equals("t-x-d-d") ? book.noticesAt(copy.time()) : List.of();
    }

    /**
     * The notice checked against the report it is about: of the reports whose notices were made
     * at its time (several when the clock stood still), the one it fits best; empty when it fits one.
     */
    List<String> noticeProblems(DeliveredCopy copy, List<OracleBook.Source> reports, OracleClearance who,
                                Set<String> out) {
        List<String> best = null;
        for (OracleBook.Source r : reports) {
            List<String> p = notice(copy, r, who, out);
            if (best == null || p.size() < best.size()) {
                best = p;
            }
        }
        return best;
    }

    /**
     * A disconnect notice goes to whoever could read the report it removes, under the report's
     * label, and names the report's uid only to those who may know it.
     */
    List<String> notice(DeliveredCopy copy, OracleBook.Source report, OracleClearance who, Set<String> out) {
        List<String> problems = new ArrayList<>();
        if (out != null && !canRead(out, report.writeGroups())) {
            problems.add("notice to a recipient that reads none of the report's groups " + report.writeGroups());
        }
        if (copy.label() == null || !copy.label().equals(report.label())) {
            problems.add("notice labelled " + copy.label() + ", its report was " + report.label());
        }
        String posture = node.posture().posture().name();
        Optional<Shaping> s = oracle.decide(report.label(), who, posture, report.pub().type(), report.pub().lat(),
                report.pub().lon());
        if (s.isEmpty()) {
            problems.add("notice about a report the recipient may not hold: " + oracle.decidingRule(report.label(), who,
                    posture, report.pub().type(), report.pub().lat(), report.pub().lon()));
        } else if (s.get().dropIdentity() && copy.xml().contains(report.pub().uid())) {
            problems.add("notice names " + report.pub().uid() + " to a recipient that may know it only by a pseudonym");
        }
        return problems;
    }

    /**
     * After a posture change: every copy a session held of a current picture item that it may
     * no longer hold as it holds it (denied now, or now shaped more strictly) must have been
     * retracted. A copy of an older version of an item, which the router no longer knows the
     * session holds, is counted as a finding.
     */
    void retractedAsNeeded(Map<Session, Map<String, Session.Holding>> before, Map<Session, Set<String>> retracted) {
        String posture = node.posture().posture().name();
        before.forEach((s, holdings) -> holdings.forEach((uid, h) -> {
            OracleBook.Source src = h.source();
            Optional<Shaping> now = oracle.decide(src.label(), s.clearance, posture, src.pub().type(), src.pub().lat(),
                    src.pub().lon());
            boolean mayKeep = now.isPresent() && h.shaping().atLeastAsStrictAs(now.get());
            if (mayKeep || retracted.get(s).contains(uid)) {
                return;
            }
            if (book.picture().get(src.pub().uid()) != src) {
                tally.finding("older-copy-kept-after-posture-change");
            } else if (src.session() != s.id() && canRead(s.client.out(), src.writeGroups())) {
                leak("posture change to " + posture + ": " + s + " " + s.clearance, src, null,
                        List.of("holds " + uid + " (" + h.shaping() + ", " + h.how() + ") but was not retracted: "
                                + (now.isEmpty() ? "denied now" : "now " + now.get())));
            }
        }));
    }

    static boolean canRead(Set<String> out, Set<String> writeGroups) {
        return writeGroups.stream().anyMatch(out::contains);
    }

    void leak(String context, OracleBook.Source src, DeliveredCopy copy, List<String> problems) {
        tally.leak("LEAK on " + context + "\n  " + String.join("\n  ", problems) + "\n  of: " + src
                + (copy == null ? "" : "\n  copy: " + copy.xml()));
    }
}
