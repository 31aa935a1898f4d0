package org.kizuna.bench.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link benchmark at a tiny scale: every event arrives, nothing is refused. */
class LinkThroughputTest {

    @TempDir
    Path dir;

    @Test
    void everyEventCrossesTheLink() throws Exception {
        LinkThroughput.Result r = LinkThroughput.run(dir, 100, 2_000, 0);
        assertThat(r.events()).isEqualTo(2_000);
        assertThat(r.refused()).isZero();
        assertThat(r.eventsPerSecond()).isPositive();
    }

    @Test
    void everyEventCrossesTheLinkWithJournalsOnDisk() throws Exception {
        LinkThroughput.Result r = LinkThroughput.run(dir, 100, 2_000, 0, LinkThroughput.Store.GROUP);
        assertThat(r.events()).isEqualTo(2_000);
        assertThat(r.refused()).isZero();
        assertThat(dir.resolve("jpn-links").resolve("usa-1")).isDirectory();
    }

    @Test
    void aBacklogOfferedDuringACutArrivesAfterTheRestore() throws Exception {
        LinkThroughput.CutResult c = LinkThroughput.resumeAfterCut(dir, 2_000, java.time.Duration.ofMillis(100),
                LinkThroughput.Store.GROUP);
        assertThat(c.backlog()).isEqualTo(2_000);
        assertThat(c.refused()).isZero();
        // The sender sends nothing before its link is active: the first arrival cannot come earlier.
        assertThat(c.firstMillis()).isGreaterThanOrEqualTo(c.activeMillis());
        assertThat(c.drainedMillis()).isGreaterThanOrEqualTo(c.firstMillis());
    }
}
