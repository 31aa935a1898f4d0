package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.kizuna.app.serve.RunningNode;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.server.testing.TestClient;

/**
 * Over the real path (a client's TLS connection, Japan's router and release guard, the links over
 * mutual TLS, the partners' nodes): for random labels and events, what crosses a link to a
 * partner is exactly what the partner's accreditation dominates. The three partners' nodes run
 * without labels, so everything that crosses reaches their clients unfiltered: what a client
 * there sees is what crossed. The expectation is written here from reference §1.3, independently
 * of the guard: classification held (a classification with no equivalent under the partner's
 * policy cannot be), every restrictive value held, one releasability value held.
 */
class NoLeakAcrossLinksProperties {

    /** What each partner is accredited for at Japan's node (India's policy has no equivalence: ours). */
    private record Accreditation(Set<String> classifications, String nation, Set<String> special) {
    }

    private static final Map<String, Accreditation> PARTNERS = Map.of(
            "usa-1", new Accreditation(Set.of("TORIATSUKAICHUI", "HI"), "USA", Set.of("ALPHA")),
            "aus-1", new Accreditation(Set.of("TORIATSUKAICHUI"), "AUS", Set.of("ALPHA", "BRAVO")),
            "ind-1", new Accreditation(Set.of("TORIATSUKAICHUI", "HI", "KIMITSU"), "IND", Set.of()));
    private static final Map<String, String> MARKING = Map.of("TORIATSUKAICHUI", "TORIATSUKAI CHUI", "HI", "HI",
            "KIMITSU", "KIMITSU");

    private static Path dir;
    private static RunningNode jpn;
    private static final List<RunningNode> partners = new ArrayList<>();
    private static TestClient tanaka;
    private static final Map<String, TestClient> watchers = new LinkedHashMap<>();
    private static final AtomicInteger tries = new AtomicInteger();

    /** One event of a try: its label's parts and whether it is a position (coarsened on the way). */
    record Sent(String classification, Set<String> relTo, Set<String> special, boolean position) {
    }

    @BeforeContainer
    static void startNodes() throws Exception {
        dir = Files.createTempDirectory("kizuna-noleak");
        Nations.pki(dir, "jpn-1", "tanaka");
        for (String p : PARTNERS.keySet()) {
            Nations.pki(dir, p, "watch");
            Nations.trust(dir, "jpn-1", p);
            Nations.trust(dir, p, "jpn-1");
        }
        jpn = Nations.start(dir, "jpn-1", "JPN", Nations.JPN_POLICY, """
                PEACETIME:
                  - {name: positions-coarse, types: [a], obligations: {coarsen: 500}}
                  - {name: the-rest}
                """, """
                policy:
                  file: policy.yaml
                  rules: rules.yaml
                  label: {classification: TORIATSUKAICHUI, categories: {Releasable To: [JPN]}}
                  clearance: {upTo: KIMITSU, nation: JPN, categories: {Releasable To: [JPN, USA, AUS, IND],
                              Special: [ALPHA, BRAVO]}}
                  accreditations:
                    USA: {classifications: [TORIATSUKAICHUI, HI], nation: USA,
                          categories: {Releasable To: [USA], Special: [ALPHA]}}
                    AUS: {upTo: TORIATSUKAICHUI, nation: AUS, categories: {Releasable To: [AUS], Special: [ALPHA, BRAVO]}}
                    IND: {upTo: KIMITSU, nation: IND, categories: {Releasable To: [IND]}}
                federation:
                  bind: 127.0.0.1
                  port: 0
                  partners:
                    usa-1: {nation: USA}
                    aus-1: {nation: AUS}
                    ind-1: {nation: IND}
                """);
        int port = jpn.federation().orElseThrow().port();
        for (Map.Entry<String, Accreditation> p : PARTNERS.entrySet()) {
            RunningNode node = Nations.startWithoutLabels(dir, p.getKey(), p.getValue().nation(), """
                    federation:
                      listen: false
                      partners:
                        jpn-1: {nation: JPN, dial: "127.0.0.1:%d"}
                    """.formatted(port));
            partners.add(node);
            Nations.awaitActive(node, "jpn-1");
            watchers.put(p.getKey(), Nations.connect(dir, node, "watch"));
            Nations.awaitSessions(node, 1);
        }
        tanaka = Nations.connect(dir, jpn, "tanaka");
        Nations.awaitSessions(jpn, 1);
    }

    @AfterContainer
    static void stopNodes() throws Exception {
        for (TestClient c : watchers.values()) {
            c.close();
        }
        if (tanaka != null) {
            tanaka.close();
        }
        partners.forEach(RunningNode::close);
        if (jpn != null) {
            jpn.close();
        }
    }

    @Property(tries = 40)
    void whatCrossesALinkIsWhatThePartnersAccreditationDominates(@ForAll("events") List<Sent> events) throws Exception {
        String prefix = "T" + tries.incrementAndGet() + "-";
        for (int i = 0; i < events.size(); i++) {
            tanaka.send(labelled(prefix + i, events.get(i)));
        }
        // Releasable to everyone, sent last on the same connection: once it is there, so is the rest.
        String end = prefix + "END";
        tanaka.send(labelled(end, new Sent("TORIATSUKAICHUI", Set.of("JPN", "USA", "AUS", "IND"), Set.of(), false)));
        for (Map.Entry<String, TestClient> w : watchers.entrySet()) {
            w.getValue().awaitUid("jpn-1:" + end);
            Set<String> received = w.getValue().receivedSoFar().stream().map(CotEvent::uid)
                    .filter(u -> u.startsWith("jpn-1:" + prefix)).map(u -> u.substring(("jpn-1:" + prefix).length()))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = new TreeSet<>();
            for (int i = 0; i < events.size(); i++) {
                if (dominates(PARTNERS.get(w.getKey()), events.get(i))) {
                    expected.add(String.valueOf(i));
                }
            }
            assertThat(received).as("what reached " + w.getKey() + " of " + events).isEqualTo(expected);
            for (CotEvent e : w.getValue().receivedSoFar()) {
                if (e.uid().startsWith("jpn-1:" + prefix) && e.type().value().startsWith("a-")) {
                    assertThat(e.point().ce()).as("coarsened " + e.uid()).isGreaterThanOrEqualTo(500);
                }
            }
            drain(w.getValue());
        }
    }

    private static void drain(TestClient client) throws InterruptedException {
        for (CotEvent e : client.receivedSoFar()) {
            client.await(x -> x == e, Duration.ZERO);
        }
    }

    /** Reference §1.3, written out for these accreditations. */
    private static boolean dominates(Accreditation a, Sent s) {
        boolean translatable = a.nation().equals("IND") || !s.classification().equals("KIMITSU");
        return translatable && a.classifications().contains(s.classification()) && s.relTo().contains(a.nation())
                && a.special().containsAll(s.special());
    }

    private static CotEvent labelled(String uid, Sent s) {
        CotEvent base = s.position() ? Events.pli(uid, uid) : Events.marker(uid, Duration.ofMinutes(10));
        return base.toBuilder().access(MARKING.get(s.classification())).releasableTo(String.join(", ", s.relTo()))
                .caveat(String.join("/", s.special())).build();
    }

    @Provide
    Arbitrary<List<Sent>> events() {
        Arbitrary<String> classification = Arbitraries.of("TORIATSUKAICHUI", "HI", "KIMITSU");
        Arbitrary<Set<String>> relTo = Arbitraries.of("JPN", "USA", "AUS", "IND").set().ofMinSize(1);
        Arbitrary<Set<String>> special = Arbitraries.of("ALPHA", "BRAVO").set();
        return Combinators.combine(classification, relTo, special, Arbitraries.of(true, false)).as(Sent::new)
                .list().ofMinSize(1).ofMaxSize(8);
    }
}
