package org.kizuna.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.identity.IdentitySettings;
import org.kizuna.core.identity.UidBindings.Claim;
import org.kizuna.core.identity.UidBindings;
import org.kizuna.core.testing.MutableClock;
import org.kizuna.store.identity.UidBindingLog;

class NodeUidBindingsTest {

    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static final IdentitySettings SETTINGS = new IdentitySettings(100_000, Duration.ofDays(30));

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void bindingsAndReleasesSurviveARestart() throws Exception {
        try (NodeUidBindings node = NodeUidBindings.open(data, SETTINGS, clock)) {
            UidBindings b = node.bindings();
            assertThat(b.claim("ANDROID-1", "demo-alpha")).isEqualTo(Claim.BOUND);
            assertThat(b.claim("ANDROID-2", "web:carol")).isEqualTo(Claim.BOUND);
            assertThat(b.claim("ANDROID-3", "anonymous")).isEqualTo(Claim.BOUND);
            assertThat(b.release("ANDROID-2", "admin")).isTrue();
        }
        try (NodeUidBindings node = NodeUidBindings.open(data, SETTINGS, clock)) {
            UidBindings b = node.bindings();
            assertThat(b.size()).isEqualTo(2);
            assertThat(b.claim("ANDROID-1", "demo-bravo")).isEqualTo(Claim.OWNED_ELSEWHERE);
            assertThat(b.claim("ANDROID-3", "anonymous")).isEqualTo(Claim.OWN);
            assertThat(b.claim("ANDROID-2", "demo-bravo")).isEqualTo(Claim.BOUND);
        }
    }

    @Test
    void aBindingIsOnDiskOnceFlushed() throws Exception {
        try (NodeUidBindings node = NodeUidBindings.open(data, SETTINGS, clock)) {
            node.bindings().claim("ANDROID-1", "demo-alpha");
            assertThat(node.flush(Duration.ofSeconds(10))).isTrue();
            try (UidBindingLog other = UidBindingLog.openExisting(data).orElseThrow()) {
                assertThat(other.replay().ownerOf("ANDROID-1")).contains("demo-alpha");
            }
        }
    }

    @Test
    void lastUseSavedAtCloseDecidesWhatLapsesAtTheNextStart() throws Exception {
        // shorter than a day, so that no daily snapshot runs meanwhile: only the one at close saves last use
        IdentitySettings twoHours = new IdentitySettings(100, Duration.ofHours(2));
        try (NodeUidBindings node = NodeUidBindings.open(data, twoHours, clock)) {
            node.bindings().claim("used", "demo-alpha");
            node.bindings().claim("idle", "demo-bravo");
            clock.advance(Duration.ofMinutes(90));
            node.bindings().claim("used", "demo-alpha");
        }
        clock.advance(Duration.ofMinutes(60));
        try (NodeUidBindings node = NodeUidBindings.open(data, twoHours, clock)) {
            assertThat(node.bindings().ownerOf("used")).contains("demo-alpha");
            assertThat(node.bindings().ownerOf("idle")).isEmpty();
            assertThat(node.bindings().size()).isEqualTo(1);
        }
        // the start compaction wrote only what is live
        assertThat(records()).containsExactly("bound\tused\tdemo-alpha\t" + T0.plus(Duration.ofMinutes(90)));
    }

    @Test
    void aDailySnapshotSavesLastUseWhileTheNodeRuns() throws Exception {
        try (NodeUidBindings node = NodeUidBindings.open(data, SETTINGS, clock)) {
            node.bindings().claim("a", "x");
            clock.advance(Duration.ofHours(2));
            node.bindings().claim("a", "x");
            clock.advance(JournalWriter.SNAPSHOT_INTERVAL);
            // a round of the writer: it finds the snapshot due
            node.bindings().claim("b", "y");
            assertThat(node.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(records()).contains("bound\ta\tx\t" + T0.plus(Duration.ofHours(2)));
        }
    }

    @Test
    void deadRecordsDominatingTriggerACompaction() throws Exception {
        try (NodeUidBindings node = NodeUidBindings.open(data, SETTINGS, clock)) {
            UidBindings b = node.bindings();
            b.claim("kept", "x");
            int n = JournalWriter.MIN_DEAD_RECORDS;
            for (int i = 0; i < n; i++) {
                b.claim("uid-" + i, "y");
            }
            assertThat(node.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(records()).hasSize(1 + n);
            for (int i = 0; i < n; i++) {
                b.release("uid-" + i, "admin");
            }
            assertThat(node.flush(Duration.ofSeconds(10))).isTrue();
            // 2n + 1 records were written; after each round fewer than n of them may be dead (the
            // writer may have compacted part-way, and kept the releases that came after)
            assertThat(records()).hasSizeLessThan(1 + n);
        }
        // A compaction that ran part-way kept the bindings still live at that moment, and the
        // releases after them; folded, or compacted again at close, only one binding is left.
        assertThat(records()).filteredOn(l -> l.startsWith("bound")).containsExactly("bound\tkept\tx\t" + T0);
    }

    @Test
    void refreshAfterCloseDoesNothing() throws Exception {
        NodeUidBindings node = NodeUidBindings.open(data, SETTINGS, clock);
        node.close();
        assertThat(node.refresh()).isZero();
        node.close();
    }

    private List<String> records() throws Exception {
        return Files.readAllLines(UidBindingLog.file(data)).stream().filter(l -> !l.startsWith("#")).toList();
    }

    /** A clock tests move by hand. */
}
