package org.kizuna.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kizuna.core.identity.UidBindings.Claim;
import org.kizuna.core.testing.MutableClock;

class UidBindingsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingJournal journal = new RecordingJournal();

    private UidBindings bindings(int max) {
        return new UidBindings(new IdentitySettings(max, Duration.ofDays(30)), clock, journal);
    }

    @Test
    void theFirstPublisherOwnsAUid() {
        UidBindings b = bindings(10);
        assertThat(b.claim("ANDROID-1", "demo-alpha")).isEqualTo(Claim.BOUND);
        assertThat(b.claim("ANDROID-1", "demo-alpha")).isEqualTo(Claim.OWN);
        assertThat(b.claim("ANDROID-1", "demo-bravo")).isEqualTo(Claim.OWNED_ELSEWHERE);
        assertThat(b.claim("ANDROID-1", "anonymous")).isEqualTo(Claim.OWNED_ELSEWHERE);
        assertThat(b.ownerOf("ANDROID-1")).contains("demo-alpha");
        assertThat(b.ownerOf("ANDROID-2")).isEmpty();
        assertThat(b.size()).isEqualTo(1);
        assertThat(journal.records).containsExactly("bound ANDROID-1 demo-alpha " + T0);
    }

    @Test
    void aFullTableBindsNothingNewUntilAReleaseMakesRoom() {
        UidBindings b = bindings(2);
        b.claim("a", "x");
        b.claim("b", "y");
        assertThat(b.claim("c", "x")).isEqualTo(Claim.FULL);
        assertThat(b.ownerOf("c")).isEmpty();
        assertThat(b.claim("a", "x")).isEqualTo(Claim.OWN);
        assertThat(b.claim("b", "x")).isEqualTo(Claim.OWNED_ELSEWHERE);

        assertThat(b.release("b", "admin")).isTrue();
        assertThat(b.release("b", "admin")).isFalse();
        assertThat(b.claim("c", "x")).isEqualTo(Claim.BOUND);
        assertThat(b.size()).isEqualTo(2);
        assertThat(journal.records).containsExactly("bound a x " + T0, "bound b y " + T0,
                "released b y by admin " + T0, "bound c x " + T0);
    }

    @Test
    void concurrentClaimsOfOneUidHaveExactlyOneWinner() throws Exception {
        UidBindings b = bindings(100_000);
        int threads = 8;
        int uids = 2_000;
        List<Map<String, Claim>> results = claimAll(b, threads, uids, true);
        for (int i = 0; i < uids; i++) {
            String uid = "uid-" + i;
            List<Integer> winners = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Claim c = results.get(t).get(uid);
                if (c == Claim.BOUND) {
                    winners.add(t);
                } else {
                    assertThat(c).isEqualTo(Claim.OWNED_ELSEWHERE);
                }
            }
            assertThat(winners).as(uid).hasSize(1);
            assertThat(b.ownerOf(uid)).contains("owner-" + winners.get(0));
        }
        assertThat(b.size()).isEqualTo(uids);
        assertThat(journal.records).hasSize(uids);
    }

    @Test
    void concurrentClaimsNeverOverfillTheTable() throws Exception {
        UidBindings b = bindings(500);
        // every thread its own uids: 8 x 200 want room, 500 get it
        List<Map<String, Claim>> results = claimAll(b, 8, 200, false);
        long bound = results.stream().flatMap(m -> m.values().stream()).filter(c -> c == Claim.BOUND).count();
        long full = results.stream().flatMap(m -> m.values().stream()).filter(c -> c == Claim.FULL).count();
        assertThat(bound).isEqualTo(500);
        assertThat(full).isEqualTo(8 * 200 - 500);
        assertThat(b.size()).isEqualTo(500);
        assertThat(b.snapshot()).hasSize(500);
        assertThat(journal.records).hasSize(500);
    }

    /**
     * Thread t claims n uids as owner-t, all threads let go at once: the same n uids for every
     * thread when {@code shared}, else n of its own.
     */
    private List<Map<String, Claim>> claimAll(UidBindings b, int threads, int n, boolean shared) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Map<String, Claim>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                futures.add(pool.submit(() -> {
                    Map<String, Claim> mine = new ConcurrentHashMap<>();
                    start.await();
                    for (int i = 0; i < n; i++) {
                        String u = "uid-" + (shared ? i : me * n + i);
                        mine.put(u, b.claim(u, "owner-" + me));
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<Map<String, Claim>> results = new ArrayList<>();
            for (Future<Map<String, Claim>> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aJournalledReleaseIsAppliedOnlyToTheOwnerItNames() {
        UidBindings b = bindings(10);
        b.claim("a", "x");
        assertThat(b.applyRelease("a", "y")).isFalse();
        assertThat(b.ownerOf("a")).contains("x");
        assertThat(b.applyRelease("a", "x")).isTrue();
        assertThat(b.ownerOf("a")).isEmpty();
        assertThat(b.size()).isZero();
        // already in the journal: not handed to it again
        assertThat(journal.records).containsExactly("bound a x " + T0);
        assertThat(b.claim("a", "y")).isEqualTo(Claim.BOUND);
    }

    @Test
    void bindingsUnclaimedForTheRetentionLapse() {
        UidBindings b = bindings(10);
        b.claim("kept", "x");
        b.claim("idle", "y");
        clock.advance(Duration.ofDays(20));
        assertThat(b.claim("kept", "x")).isEqualTo(Claim.OWN);
        // a claim by someone else is no use of the binding
        assertThat(b.claim("idle", "x")).isEqualTo(Claim.OWNED_ELSEWHERE);
        clock.advance(Duration.ofDays(10).plusMinutes(1));
        assertThat(b.lapse()).isEqualTo(1);
        assertThat(b.ownerOf("idle")).isEmpty();
        assertThat(b.ownerOf("kept")).contains("x");
        assertThat(b.snapshot()).containsExactly(new Binding("kept", "x", T0.plus(Duration.ofDays(20))));
        assertThat(b.claim("idle", "x")).isEqualTo(Claim.BOUND);
        assertThat(b.size()).isEqualTo(2);
    }

    @Test
    void lastUseIsKeptToTheMinute() {
        UidBindings b = bindings(10);
        clock.advance(Duration.ofSeconds(59));
        b.claim("a", "x");
        clock.advance(Duration.ofSeconds(2));
        b.claim("a", "x");
        assertThat(b.snapshot()).containsExactly(new Binding("a", "x", T0.plusSeconds(60)));
    }

    @Test
    void recoveredBindingsAreAllKeptEvenBeyondTheBound() {
        List<Binding> recovered = List.of(new Binding("a", "x", T0), new Binding("b", "y", T0), new Binding("c", "x", T0));
        UidBindings b = new UidBindings(new IdentitySettings(2, Duration.ofDays(30)), clock, journal, recovered);
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.ownerOf("b")).contains("y");
        assertThat(b.claim("c", "x")).isEqualTo(Claim.OWN);
        assertThat(b.claim("d", "x")).isEqualTo(Claim.FULL);
        assertThat(journal.records).isEmpty();
        b.release("a", "admin");
        b.release("b", "admin");
        assertThat(b.claim("d", "x")).isEqualTo(Claim.BOUND);
        assertThat(b.snapshot()).extracting(Binding::uid).containsExactlyInAnyOrder("c", "d");
    }
}
