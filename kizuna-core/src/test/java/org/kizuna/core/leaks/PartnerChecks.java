package org.kizuna.core.leaks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kizuna.core.federation.PartnerLinks;
import org.kizuna.core.federation.Release;
import org.kizuna.core.federation.ReleaseStamp;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.policy.posture.PostureState;

/**
 * The partner edge: every event the router hands its route listener is offered to the partner
 * guard for each partner (all of them, whatever the groups: the guard alone must hold the
 * line), each permitted copy and the label that travels with it are checked against the partner's
 * accreditation, delayed releases are asked again when due, and after a posture change a queued
 * frame the guard still says yes to must satisfy the oracle under the new posture, and a copy a
 * partner may no longer hold must be retracted.
 */
final class PartnerChecks {

    private static final int STAMPS_KEPT = 300;

    private record Later(Node.Edge partner, RoutedEvent routed, Instant at, PostureState under, Duration delay) {
    }

    private record Sent(Node.Edge partner, ReleaseStamp stamp, OracleBook.Source source, DeliveredCopy copy) {
    }

    private final World world;
    private final Node node;
    private final Oracle oracle;
    private final OracleBook book;
    private final LeakTally tally;
    private final LocalChecks local;
    private final CopyVerifier verifier;
    private final List<RoutedEvent> offered = new ArrayList<>();
    private final List<Later> later = new ArrayList<>();
    private final Deque<Sent> sent = new ArrayDeque<>();
    private final Map<String, Map<String, Session.Holding>> holdings = new HashMap<>();

    PartnerChecks(World world, Node node, Oracle oracle, OracleBook book, LeakTally tally, LocalChecks local) {
        this.world = world;
        this.node = node;
        this.oracle = oracle;
        this.book = book;
        this.tally = tally;
        this.local = local;
        this.verifier = new CopyVerifier(oracle);
        node.edges.forEach(e -> holdings.put(e.nodeId(), new HashMap<>()));
    }

    /** The route listener: what federation would be offered. */
    void routed(RoutedEvent routed) {
        offered.add(routed);
    }

    /** Offers what was routed since the last call to every partner's guard. */
    void drain(Phase phase) {
        List<RoutedEvent> now = new ArrayList<>(offered);
        offered.clear();
        for (RoutedEvent r : now) {
            for (Node.Edge p : node.edges) {
                decided(p, r, node.partnerGuard.decide(r, p), phase);
            }
        }
    }

    void runDue() {
        for (Iterator<Later> it = later.iterator(); it.hasNext(); ) {
            Later l = it.next();
            if (!l.at().plus(l.delay()).isAfter(node.now())) {
                it.remove();
                decided(l.partner(), l.routed(), node.partnerGuard.decideWhenDue(l.routed(), l.partner()),
                        Phase.deferred("partner-delayed", l.at(), l.under()));
            }
        }
    }

    private void decided(Node.Edge p, RoutedEvent routed, Release r, Phase phase) {
        if (r.isLater()) {
            later.add(new Later(p, routed, node.now(), node.posture(), r.delay()));
            return;
        }
        if (!r.permitted()) {
            return;
        }
        DeliveredCopy copy = local.read(r.copy());
        OracleClearance who = accreditation(p);
        String context = phase.edge() + " to partner " + who;
        OracleBook.Source src = book.source(copy.time());
        if (src == null) {
            partnerNotice(copy, who, context);
            return;
        }
        tally.delivered(phase.edge().startsWith("partner") ? phase.edge() : "partner");
        Shaping[] permitted = new Shaping[1];
        List<String> problems = verifier.problems(copy, src, who, node.posture().posture().name(), permitted);
        OracleLabel travels = DeliveredCopy.readLabel(new String(r.originatorLabel(), StandardCharsets.UTF_8));
        if (src.refusal() == null && !travels.equals(src.label())) {
            problems.add("the envelope's label is " + travels + ", the oracle expects " + src.label());
        }
        if (permitted[0] != null && permitted[0].delaySeconds() > 0) {
            Optional<Shaping> then = phase.isDeferred() ? oracle.decide(src.label(), who,
                    phase.heldUnder().posture().name(), src.pub().type(), src.pub().lat(), src.pub().lon()) : Optional.empty();
            long waited = phase.isDeferred() ? Duration.between(phase.heldAt(), node.now()).toSeconds() : 0;
            long due = then.map(Shaping::delaySeconds).orElse(permitted[0].delaySeconds());
            if (waited < due) {
                problems.add("released to the partner after " + waited + " s, though delayed by " + due + " s");
            }
        }
        if (!problems.isEmpty()) {
            local.leak(context, src, copy, problems);
        }
        remember(p, r.stamp(), src, copy, permitted[0], phase);
    }

    private void remember(Node.Edge p, ReleaseStamp stamp, OracleBook.Source src, DeliveredCopy copy, Shaping s,
                          Phase phase) {
        if (src.isItem()) {
            holdings.get(p.nodeId()).put(copy.uid(), new Session.Holding(src, s == null ? Shaping.NONE : s,
                    phase.edge() + " under " + node.posture().posture() + " at " + node.now()));
        } else if (src.pub().kind() == Publication.Kind.DELETE) {
            copy.linkUids().forEach(holdings.get(p.nodeId())::remove);
        }
        sent.addLast(new Sent(p, stamp, src, copy));
        if (sent.size() > STAMPS_KEPT) {
            sent.removeFirst();
        }
    }

    private void partnerNotice(DeliveredCopy copy, OracleClearance who, String context) {
        List<OracleBook.Source> reports = local.aboutReports(copy);
        if (reports.isEmpty()) {
            local.leak(context, null, copy, List.of("a release the oracle cannot explain"));
            return;
        }
        tally.delivered("partner-notice");
        List<String> problems = local.noticeProblems(copy, reports, who, null);
        if (!problems.isEmpty()) {
            local.leak(context, reports.get(0), copy, problems);
        }
        copy.linkUids().forEach(holdings.get(partnerOf(who))::remove);
    }

    /**
     * After a posture change: the node's partner re-evaluation runs (its offers go through the
     * guard and are checked), every queued frame the guard would still send must satisfy the
     * oracle now, and a current item a partner may no longer hold must have been retracted.
     */
    void postureChanged(PostureState earlier) {
        Map<String, Set<String>> retracted = new HashMap<>();
        node.edges.forEach(e -> retracted.put(e.nodeId(), new HashSet<>()));
        PartnerLinks links = new PartnerLinks() {
            @Override
            public List<Node.Edge> partners() {
                return node.edges;
            }

            @Override
            public void retract(String partner, String uid, String reason) {
                retracted.get(partner).add(uid);
            }

            @Override
            public void offer(String partner, RoutedEvent routed) {
                Node.Edge p = node.edges.stream().filter(e -> e.nodeId().equals(partner)).findFirst().orElseThrow();
                decided(p, routed, node.partnerGuard.decide(routed, p), Phase.of("partner-reoffer"));
            }
        };
        node.partnerReevaluation.postureChanged(earlier, node.posture(), links, node.router.picture().snapshot(node.now()));
        stillReleasable();
        retractedAsNeeded(retracted);
    }

    private void stillReleasable() {
        String posture = node.posture().posture().name();
        for (Sent s : sent) {
            if (s.source() == null || !node.partnerGuard.stillReleasable(s.stamp(), s.partner())) {
                continue;
            }
            tally.delivered("partner-at-send");
            OracleClearance who = accreditation(s.partner());
            List<String> problems = verifier.problems(s.copy(), s.source(), who, posture, new Shaping[1]);
            if (!problems.isEmpty()) {
                local.leak("at send time, after a change to " + posture + ", to partner " + who, s.source(), s.copy(),
                        problems);
            }
        }
    }

    private void retractedAsNeeded(Map<String, Set<String>> retracted) {
        String posture = node.posture().posture().name();
        for (Node.Edge p : node.edges) {
            OracleClearance who = accreditation(p);
            Map<String, Session.Holding> held = holdings.get(p.nodeId());
            for (Iterator<Map.Entry<String, Session.Holding>> it = held.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Session.Holding> e = it.next();
                OracleBook.Source src = e.getValue().source();
                if (retracted.get(p.nodeId()).contains(e.getKey())) {
                    it.remove();
                    continue;
                }
                Optional<Shaping> now = oracle.decide(src.label(), who, posture, src.pub().type(), src.pub().lat(),
                        src.pub().lon());
                if (now.isPresent() && e.getValue().shaping().atLeastAsStrictAs(now.get())) {
                    continue;
                }
                boolean current = book.picture().get(src.pub().uid()) == src && src.session() >= 0
                        && LocalChecks.canRead(p.outboundGroups().stream().map(g -> g.name()).collect(
                                java.util.stream.Collectors.toSet()), src.writeGroups());
                if (!current) {
                    tally.finding("partner-older-copy-kept-after-posture-change");
                } else if (now.isEmpty()) {
                    local.leak("posture change to " + posture + ", partner " + who, src, null,
                            List.of("partner holds " + e.getKey() + " (" + e.getValue().shaping() + ", " + e.getValue().how()
                                    + ") but it was not retracted: denied now"));
                } else {
                    tally.finding("partner-copy-kept-with-older-shaping");
                }
            }
        }
    }

    private OracleClearance accreditation(Node.Edge p) {
        return world.partners().stream().filter(w -> w.nodeId().equals(p.nodeId())).findFirst().orElseThrow()
                .accreditation();
    }

    private String partnerOf(OracleClearance who) {
        return who.holder().substring("partner:".length());
    }
}
