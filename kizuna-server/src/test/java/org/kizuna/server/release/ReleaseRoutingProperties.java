package org.kizuna.server.release;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.Group;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.release.Clearances;
import org.kizuna.core.release.GuardedRelease;
import org.kizuna.core.release.LabelDefaults;
import org.kizuna.core.routing.Ingest;
import org.kizuna.core.routing.ReleaseDecision;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.routing.Router;
import org.kizuna.core.routing.Subscriber;
import org.kizuna.core.routing.Subscribers;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.detail.Remarks;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.policy.access.AccessDecision;
import org.kizuna.policy.access.Clearance;
import org.kizuna.policy.cot.EventLabels;
import org.kizuna.policy.label.LabelSet;
import org.kizuna.policy.label.SecurityLabel;
import org.kizuna.policy.posture.Posture;
import org.kizuna.policy.posture.PostureState;
import org.kizuna.policy.release.Obligations;
import org.kizuna.policy.release.ReleaseGuard;
import org.kizuna.policy.release.Verdict;
import org.kizuna.server.ServerMetrics;
import org.kizuna.server.session.Session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@link Router} with the real {@link GuardedRelease}, sessions on embedded channels (so
 * what a client would read is the bytes the session writes): for random labels, clearances,
 * postures and event streams, no event reaches a session whose clearance does not dominate its
 * label, every permitted recipient gets it, and every obligation is applied to what it gets.
 */
class ReleaseRoutingProperties {

    private static final Instant T = Instant.parse("2026-11-26T09:00:00Z");
    private static final Group BLUE = new Group("Blue");
    private static final CotXmlReader XML = new CotXmlReader(CotLimits.DEFAULTS);
    private static final EventLabels LABELS = new EventLabels(ReleaseFixtures.POLICY);

    record Recipient(Clearance clearance, boolean reachable) {
    }

    record Sent(String type, double lat, double lon, Optional<SecurityLabel> label) {
    }

    /** What one recipient got: now, and what was held back with its delay. */
    record Deferred(Session recipient, Runnable release, Duration delay) {
    }

    @Property(tries = 300)
    void releasedOnlyToThoseWhoMayHoldItWithEveryObligation(
            @ForAll("recipients") List<Recipient> recipients, @ForAll("clearance") Clearance senderClearance,
            @ForAll("clearance") Clearance lateClearance, @ForAll("posture") Posture posture,
            @ForAll("events") List<Sent> events, @ForAll("label") SecurityLabel defaultLabel,
            @ForAll("posture") Posture next) throws Exception {
        AtomicReference<PostureState> state = new AtomicReference<>(ReleaseFixtures.posture(posture));
        ReleaseGuard guard = ReleaseFixtures.guard(state::get);
        Map<String, Clearance> byClient = new HashMap<>();
        for (int i = 0; i < recipients.size(); i++) {
            byClient.put("r" + i, recipients.get(i).clearance());
        }
        byClient.put("sender", senderClearance);
        byClient.put("late", lateClearance);
        Clearance nothing = new Clearance("USA", "", Set.of(), Map.of());
        GuardedRelease real = new GuardedRelease(ReleaseFixtures.POLICY, guard, ReleaseFixtures.applier(),
                LabelDefaults.everywhere(LabelSet.of(defaultLabel)), new Clearances(byClient, nothing, nothing));
        List<Deferred> deferred = new ArrayList<>();
        Subscribers registry = new Subscribers();
        ServerMetrics metrics = new ServerMetrics(new SimpleMeterRegistry());
        Router router = ReleaseFixtures.router(registry, real, metrics, T);
        Session sender = session(registry, metrics, "sender", true, deferred);
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            sessions.add(session(registry, metrics, "r" + i, recipients.get(i).reachable(), deferred));;
        }
        for (int n = 0; n < events.size(); n++) {
            Sent sent = events.get(n);
            CotEvent original = event(n, sent);
            router.route(sender, original);
            SecurityLabel label = sent.label().orElse(defaultLabel);
            boolean accepted = AccessDecision.permits(senderClearance, label);
            for (int i = 0; i < sessions.size(); i++) {
                Recipient r = recipients.get(i);
                Session s = sessions.get(i);
                List<CotEvent> now = drain(s);
                List<Deferred> held = take(deferred, s);
                if (!accepted || !r.reachable()) {
                    assertThat(now).isEmpty();
                    assertThat(held).isEmpty();
                    continue;
                }
                Verdict v = guard.decide(guard.key(LabelSet.of(label)), guard.key(r.clearance()), original.type(),
                        sent.lat(), sent.lon());
                if (v.permitted()) {
                    // the safety property, checked without the guard: the clearance dominates the label
                    assertThat(AccessDecision.permits(r.clearance(), label)).isTrue();
                }
                expectRelease(v, s, now, held, original, label);
            }
        }
        checkLateJoiner(router, registry, metrics, deferred, lateClearance);
        checkPostureChange(router, state, next, guard, recipients, sessions, deferred, events, defaultLabel, senderClearance);
    }

    /**
     * After a posture change every recipient is asked to delete exactly the items it held and may
     * no longer hold as it holds them (denied now, shaped more strictly, or renamed by a change of
     * identity dropping; under the uid it knew them by), and is sent exactly the items it may now
     * hold and did not hold as now shaped, shaped as now.
     */
    private static void checkPostureChange(Router router, AtomicReference<PostureState> state, Posture next,
                                           ReleaseGuard guard, List<Recipient> recipients, List<Session> sessions,
                                           List<Deferred> deferred, List<Sent> events, SecurityLabel defaultLabel,
                                           Clearance senderClearance) throws Exception {
        PostureState previous = state.get();
        state.set(new PostureState(next, previous.version() + 1, T, Optional.empty(), "a", "b"));
        router.reevaluate(previous);
        for (int i = 0; i < sessions.size(); i++) {
            Session s = sessions.get(i);
            List<CotEvent> got = new ArrayList<>(drain(s));
            for (Deferred d : take(deferred, s)) {
                d.release().run();
                got.addAll(drain(s));
            }
            for (int n = 0; n < events.size(); n++) {
                Sent sent = events.get(n);
                SecurityLabel label = sent.label().orElse(defaultLabel);
                if (!recipients.get(i).reachable() || !AccessDecision.permits(senderClearance, label)) {
                    continue;
                }
                CotEvent original = event(n, sent);
                var labelKey = guard.key(LabelSet.of(label));
                var clearanceKey = guard.key(recipients.get(i).clearance());
                Verdict before = guard.decideUnder(previous, labelKey, clearanceKey, original.type(), sent.lat(), sent.lon());
                Verdict after = guard.decide(labelKey, clearanceKey, original.type(), sent.lat(), sent.lon());
                String heldUid = ReleaseFixtures.applier().apply(original, before.obligations()).uid();
                String newUid = ReleaseFixtures.applier().apply(original, after.obligations()).uid();
                boolean retracted = got.stream().anyMatch(e -> e.type().value().equals("t-x-d-d")
                        && e.detail().unknown().contains("<__forcedelete/>")
                        && e.detail().links().stream().anyMatch(l -> l.uid().orElse("").equals(heldUid)));
                boolean resent = got.stream().anyMatch(e -> e.uid().equals(newUid) && !e.type().value().equals("t-x-d-d"));
                Obligations was = before.obligations().variant();
                Obligations now = after.obligations().variant();
                boolean reshaped = before.permitted() && after.permitted() && !was.equals(now);
                boolean stricterOrRenamed = reshaped && (!was.atLeastAsStrictAs(now) || !heldUid.equals(newUid));
                assertThat(retracted).as("retraction of %s", heldUid)
                        .isEqualTo(before.permitted() && !after.permitted() || stricterOrRenamed);
                assertThat(resent).as("re-send of %s", newUid)
                        .isEqualTo(!before.permitted() && after.permitted() || reshaped);
                if (resent) {
                    CotEvent copy = got.stream().filter(e -> e.uid().equals(newUid) && !e.type().value().equals("t-x-d-d"))
                            .reduce((a, b) -> b).orElseThrow();
                    assertThat(copy.point()).as("re-sent copy of %s shaped as now", newUid)
                            .isEqualTo(ReleaseFixtures.applier().apply(original, after.obligations()).point());
                }
            }
        }
    }

    /** A release held back by a delay is withdrawn when the posture tightens before it is due. */
    @net.jqwik.api.Example
    void aDelayedReleaseIsWithdrawnWhenThePostureTightensMeanwhile() throws Exception {
        AtomicReference<PostureState> state = new AtomicReference<>(ReleaseFixtures.posture(Posture.GRAY_ZONE));
        ReleaseGuard guard = ReleaseFixtures.guard(state::get);
        GuardedRelease real = ReleaseFixtures.clearedForEverything(guard);
        List<Deferred> deferred = new ArrayList<>();
        Subscribers registry = new Subscribers();
        ServerMetrics metrics = new ServerMetrics(new SimpleMeterRegistry());
        Router router = ReleaseFixtures.router(registry, real, metrics, T);
        Session sender = session(registry, metrics, "sender", true, deferred);
        Session r0 = session(registry, metrics, "r0", true, deferred);
        // outside the Kanto area, a marker: GRAY_ZONE's markers-late rule holds it back five minutes
        router.route(sender, event(0, new Sent("b-m-p-s-m", 26.21, 127.68, Optional.empty())));
        assertThat(drain(r0)).isEmpty();
        List<Deferred> held = take(deferred, r0);
        assertThat(held).hasSize(1);

        state.set(new PostureState(Posture.HADR, 2, T, Optional.empty(), "a", "b"));
        held.get(0).release().run();
        assertThat(drain(r0)).isEmpty();
        assertThat(metrics.count("kizuna.deliveries.dropped", "release-withdrawn")).isEqualTo(1);
    }

    private static void expectRelease(Verdict v, Session s, List<CotEvent> now, List<Deferred> held, CotEvent original,
                                      SecurityLabel label) throws Exception {
        if (!v.permitted()) {
            assertThat(now).isEmpty();
            assertThat(held).isEmpty();
            return;
        }
        Obligations o = v.obligations();
        CotEvent got;
        if (o.delay().isZero()) {
            assertThat(held).isEmpty();
            assertThat(now).hasSize(1);
            got = now.get(0);
        } else {
            assertThat(now).isEmpty();
            assertThat(held).hasSize(1);
            assertThat(held.get(0).delay()).isEqualTo(o.delay());
            held.get(0).release().run();
            List<CotEvent> later = drain(s);
            assertThat(later).hasSize(1);
            got = later.get(0);
        }
        assertObligationsApplied(o, original, got);
        assertThat(LABELS.read(got)).contains(LabelSet.of(label));
    }

    static void assertObligationsApplied(Obligations o, CotEvent original, CotEvent got) {
        String xml = org.kizuna.cot.xml.CotXmlWriter.toXml(got);
        for (String name : o.strip()) {
            assertThat(xml).doesNotContain("<" + name + " ", "<" + name + ">", "<" + name + "/");
        }
        if (o.coarsenMetres() > 0) {
            assertThat(got.point().ce()).isGreaterThanOrEqualTo(o.coarsenMetres());
            assertThat(Math.abs(got.point().lat() - original.point().lat()) * 111_320).isLessThanOrEqualTo(o.coarsenMetres());
            assertThat(got.point()).isNotEqualTo(original.point());
        }
        if (o.dropIdentity()) {
            assertThat(got.uid()).isNotEqualTo(original.uid());
            assertThat(xml).doesNotContain("CALL-").doesNotContain("remark-").doesNotContain("rtsp");
        }
        if (o.isNone()) {
            assertThat(got.uid()).isEqualTo(original.uid());
            assertThat(got.detail().remarks()).isEqualTo(original.detail().remarks());
            assertThat(got.point()).isEqualTo(original.point());
        }
    }

    /** Whatever the picture gives a client that connects later, it may hold. */
    private static void checkLateJoiner(Router router, Subscribers registry, ServerMetrics metrics,
                                        List<Deferred> deferred, Clearance lateClearance) throws Exception {
        Session late = session(registry, metrics, "late", true, deferred);
        router.connected(late);
        List<CotEvent> got = new ArrayList<>(drain(late));
        for (Deferred d : take(deferred, late)) {
            d.release().run();
            got.addAll(drain(late));
        }
        for (CotEvent e : got) {
            LabelSet label = LABELS.read(e).orElseThrow();
            assertThat(AccessDecision.permits(lateClearance, label.originator())).isTrue();
        }
    }

    private static List<Deferred> take(List<Deferred> deferred, Session s) {
        List<Deferred> mine = new ArrayList<>();
        deferred.removeIf(d -> {
            if (d.recipient() == s) {
                mine.add(d);
                return true;
            }
            return false;
        });
        return mine;
    }

    static Session session(Subscribers registry, ServerMetrics metrics, String name, boolean blue) {
        Session s = unregistered(registry, metrics, name, blue);
        registry.add(s);
        return s;
    }

    /** A session whose delayed releases are held in {@code deferred} for the test to run, instead of scheduled. */
    static Session session(Subscribers registry, ServerMetrics metrics, String name, boolean blue,
                           List<Deferred> deferred) {
        Session s = unregistered(registry, metrics, name, blue);
        registry.add(new DeferRecording(s, deferred));
        return s;
    }

    private static Session unregistered(Subscribers registry, ServerMetrics metrics, String name, boolean blue) {
        Group g = blue ? BLUE : new Group("Red");
        return new Session(registry.nextId(),
                org.kizuna.core.identity.Recipient.unlabelled(ClientIdentity.certificate(name, "00"),
                        GroupMembership.both(Set.of(g))),
                new EmbeddedChannel(), 1000, Duration.ofSeconds(30), metrics);
    }

    /** The router sees the session through this: everything passes, delayed releases are recorded. */
    private record DeferRecording(Session session, List<Deferred> deferred) implements Subscriber {
        @Override
        public long id() {
            return session.id();
        }

        @Override
        public org.kizuna.core.identity.Recipient recipient() {
            return session.recipient();
        }

        @Override
        public String uid() {
            return session.uid();
        }

        @Override
        public String callsign() {
            return session.callsign();
        }

        @Override
        public String selfType() {
            return session.selfType();
        }

        @Override
        public void learnSelf(String uid, String callsign, String type) {
            session.learnSelf(uid, callsign, type);
        }

        @Override
        public void deliver(RoutedEvent delivery) {
            session.deliver(delivery);
        }

        @Override
        public void deliverBurst(int items, Runnable burst) {
            session.deliverBurst(items, burst);
        }

        @Override
        public void defer(Duration delay, Runnable task) {
            deferred.add(new Deferred(session, task, delay));
        }

        @Override
        public void disconnect(String reason, String detail) {
            session.disconnect(reason, detail);
        }
    }

    /** Runs the session's drain and decodes every event written to its socket. */
    static List<CotEvent> drain(Session s) throws Exception {
        EmbeddedChannel ch = (EmbeddedChannel) s.channel();
        ch.runPendingTasks();
        List<CotEvent> out = new ArrayList<>();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            try {
                out.add(XML.read(ByteBufUtil.getBytes(b)));
            } finally {
                b.release();
            }
        }
        return out;
    }

    private static CotEvent event(int n, Sent sent) {
        Detail d = Detail.builder()
                .contact(new Contact(Attributes.of("callsign", "CALL-" + n)))
                .remarks(Remarks.of("remark-" + n))
                .unknown(List.of("<__video url=\"rtsp://cam/" + n + "\"/>"))
                .build();
        CotEvent e = CotEvent.builder("ev-" + n, sent.type()).times(T, T.plus(Duration.ofHours(1)))
                .point(new Point(sent.lat(), sent.lon(), 10, 5, 5)).detail(d).build();
        return sent.label().map(l -> LABELS.write(e, LabelSet.of(l))).orElse(e);
    }

    @Provide
    Arbitrary<List<Recipient>> recipients() {
        return Combinators.combine(ReleaseFixtures.clearances(), Arbitraries.of(true, true, false))
                .as(Recipient::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Clearance> clearance() {
        return Arbitraries.oneOf(ReleaseFixtures.clearances(), Arbitraries.just(ReleaseFixtures.everything()));
    }

    @Provide
    Arbitrary<SecurityLabel> label() {
        return ReleaseFixtures.labels();
    }

    @Provide
    Arbitrary<Posture> posture() {
        return Arbitraries.of(Posture.PEACETIME, Posture.GRAY_ZONE, Posture.HADR);
    }

    @Provide
    Arbitrary<List<Sent>> events() {
        Arbitrary<double[]> where = Arbitraries.of(new double[] {35.68, 139.76}, new double[] {26.21, 127.68});
        return Combinators.combine(Arbitraries.of("a-f-G-U-C", "a-h-G", "b-m-p-s-m", "u-d-r"), where,
                ReleaseFixtures.labels().optional())
                .as((type, p, label) -> new Sent(type, p[0], p[1], label)).list().ofMinSize(1).ofMaxSize(5);
    }
}
