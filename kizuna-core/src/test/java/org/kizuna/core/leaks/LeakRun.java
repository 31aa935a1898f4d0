package org.kizuna.core.leaks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.identity.Recipient;
import org.kizuna.core.routing.Provenance;
import org.kizuna.core.testing.RecordingSubscriber;
import org.kizuna.cot.CotEvent;
import org.kizuna.policy.posture.PostureState;

/**
 * One run: a random world, the real router, guarded release and partner guard wired from its
 * files, and a random stream of steps (clients publishing, attacking uids they do not own,
 * connecting late, leaving; partners' events; posture changes; the clock moving and delayed
 * releases falling due; web and Marti requests; history reads). After every step every edge's
 * deliveries are checked against the oracle ({@link LocalChecks}, {@link RestChecks},
 * {@link PartnerChecks}).
 */
final class LeakRun {

    private final World world;
    private final LeakTally tally;
    private final SplittableRandom random;
    private final Node node;
    private final Oracle oracle;
    private final OracleBook book;
    private final EventFactory events;
    private final LocalChecks local;
    private final RestChecks rest;
    private final PartnerChecks partners;
    private final Attacks attacks;
    private final List<Session> sessions = new ArrayList<>();
    private int foreignItems;

    LeakRun(World world, LeakTally tally) {
        this.world = world;
        this.tally = tally;
        this.random = new SplittableRandom(world.seed() * 31 + 7);
        this.node = new Node(world);
        this.oracle = new Oracle(OraclePolicy.parse(world.policyYaml()), OracleRules.parse(world.rulesYaml()));
        this.book = new OracleBook(world, oracle);
        this.events = new EventFactory(world, random);
        this.local = new LocalChecks(node, oracle, book, tally);
        this.rest = new RestChecks(node, oracle, book, tally, local);
        this.partners = new PartnerChecks(world, node, oracle, book, tally, local);
        this.attacks = new Attacks(world, events, random);
        node.router.listen(partners::routed);
    }

    /** Runs the world for {@code steps} random steps; the tally has what was checked. */
    static LeakTally run(long seed, int steps) {
        LeakTally tally = new LeakTally();
        World world = WorldGenerator.generate(seed);
        new LeakRun(world, tally).steps(steps);
        return tally;
    }

    World world() {
        return world;
    }

    void steps(int n) {
        for (World.Client c : world.clients()) {
            Session s = connect(c);
            publish(s, events.item(c.selfUid(), c.selfType(), c.callsign(), true, "first report"));
        }
        for (int i = 0; i < n; i++) {
            step(random.nextInt(100));
        }
    }

    private void step(int dice) {
        if (dice < 45) {
            Session s = any();
            publish(s, Publications.ordinary(world, events, random, s, sessions));
        } else if (dice < 55) {
            Session s = any();
            publish(s, attacks.next(s, sessions));
        } else if (dice < 60 && sessions.size() < 2 * world.clients().size()) {
            connect(world.clients().get(random.nextInt(world.clients().size())));
        } else if (dice < 64 && sessions.size() > 2) {
            disconnect(any());
        } else if (dice < 68) {
            changePosture();
        } else if (dice < 78) {
            long seconds = 10 + random.nextInt(400);
            tally.step("clock +" + seconds + " s");
            node.advance(seconds);
            local.runDue(sessions);
            partners.runDue();
            partners.drain(Phase.of("partner"));
        } else if (dice < 86) {
            restRequest();
        } else if (dice < 92) {
            foreign();
        } else {
            Session s = any();
            publish(s, events.item(s.client.selfUid(), s.client.selfType(), s.client.callsign(), true, "report"));
        }
    }

    private Session any() {
        return sessions.get(random.nextInt(sessions.size()));
    }

    private Session connect(World.Client c) {
        ClientIdentity id = ClientIdentity.certificate(c.name(), "fp-" + c.name());
        Recipient r = node.release.recipient(id, new GroupMembership(Node.groups(c.in()), Node.groups(c.out())));
        Session s = new Session(c, new RecordingSubscriber(node.subscribers.nextId(), r), world.clearanceOf(c));
        tally.step("connect " + s);
        sessions.add(s);
        node.subscribers.add(s.subscriber);
        node.router.connected(s.subscriber);
        local.drain(sessions, Phase.of("picture-on-connect"));
        return s;
    }

    private void disconnect(Session s) {
        tally.step("disconnect " + s + " (own uid " + s.selfUid + ")");
        node.subscribers.remove(s.subscriber);
        book.removeOwnReport(s.selfUid, s.id(), node.now());
        node.router.disconnected(s.subscriber);
        sessions.remove(s);
        local.drain(sessions, Phase.of("live"));
        partners.drain(Phase.of("partner"));
    }

    private void publish(Session s, Publication p) {
        OracleBook.Source src = book.ingest(s.client, s.id(), p, node.now());
        tally.step(s + " sends " + p + (src.refusal() == null ? "" : " -> must be refused: " + src.refusal()));
        int stored = node.history.size();
        node.router.route(s.subscriber, p.event());
        boolean admitted = node.history.size() > stored;
        if (admitted != (src.refusal() == null)) {
            local.leak("ingest from " + s, src, null, List.of(admitted ? "admitted, though the oracle refuses it"
                    : "refused, though the oracle admits it"));
        }
        if (!admitted) {
            tally.refused();
        } else {
            book.told(s.client.name(), p.uid()); // its publisher knows it
            if (isSelfReport(s, p)) {
                s.selfUid = p.uid();
            }
        }
        local.drain(sessions, Phase.of("live"));
        partners.drain(Phase.of("partner"));
    }

    /** The router learns a client's own uid from its first admitted atom with a contact endpoint or takv. */
    private static boolean isSelfReport(Session s, Publication p) {
        CotEvent e = p.event();
        if (!e.type().value().startsWith("a-")) {
            return false;
        }
        boolean self = e.detail().takv() != null || e.detail().contactOpt().flatMap(c -> c.endpoint()).isPresent();
        return (s.selfUid == null && self) || p.uid().equals(s.selfUid);
    }

    private void changePosture() {
        List<String> postures = new ArrayList<>(world.postures());
        postures.add("HADR");
        postures.remove(node.posture().posture().name());
        String next = postures.get(random.nextInt(postures.size()));
        Map<Session, Map<String, Session.Holding>> before = new HashMap<>();
        sessions.forEach(s -> before.put(s, new HashMap<>(s.holdings)));
        PostureState earlier = node.changePosture(next);
        tally.step("posture " + earlier.posture() + " -> " + next);
        node.router.reevaluate(earlier);
        Map<Session, java.util.Set<String>> retracted = local.drain(sessions, Phase.of("reevaluate"));
        local.retractedAsNeeded(before, retracted);
        partners.drain(Phase.of("partner"));
        partners.postureChanged(earlier);
    }

    private void restRequest() {
        boolean web = random.nextInt(3) == 0;
        if (web) {
            World.Client v = world.webViewer();
            Recipient r = node.release.recipient(ClientIdentity.webAccount(v.name()),
                    new GroupMembership(Set.of(), Node.groups(v.out())));
            tally.step("web request as " + v.clearance());
            rest.picture(r, v.clearance(), v.out());
            rest.history(r, v.clearance(), random, 6);
        } else {
            Session s = any();
            tally.step("REST request as " + s);
            rest.picture(s.subscriber.recipient(), s.clearance, s.client.out());
            rest.history(s.subscriber.recipient(), s.clearance, random, 6);
        }
    }

    private void foreign() {
        World.Partner p = world.partners().get(random.nextInt(world.partners().size()));
        String originUid = "F-" + random.nextInt(Math.max(1, Math.min(6, ++foreignItems)));
        Publication pub = Publications.foreign(events, p.nodeId() + ":" + originUid);
        Set<String> groups = events.labels().subset(world.groups(), 1);
        book.foreign(p.nodeId(), pub, groups, node.now());
        tally.step("partner " + p.nodeId() + " sends " + pub + " into " + groups);
        String refused = node.router.routeForeign(pub.event(), Node.groups(groups),
                new Provenance(p.nodeId(), p.nodeId(), originUid, List.of(p.nodeId()), 0));
        if (refused != null) {
            local.leak("foreign from " + p.nodeId(), null, null, List.of("refused: " + refused));
        }
        local.drain(sessions, Phase.of("live-foreign"));
        partners.drain(Phase.of("partner"));
    }
}
