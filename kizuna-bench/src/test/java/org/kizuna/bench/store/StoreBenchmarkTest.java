package org.kizuna.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.store.StoreSettings;

/** The store benchmark at a tiny scale, to prove it works; its figures are never asserted. */
class StoreBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void everyEventIsWrittenUnsampledAndTheQueriesFindSome() {
        StoreSettings h2 = new StoreSettings(StoreSettings.h2Url(dir), "", "", null, 0, 2);

        StoreBenchmark.Result result = StoreBenchmark.run(h2, 24_000, 20);

        assertThat(result.written()).isEqualTo(24_000);
        assertThat(result.sampled()).isZero();
        assertThat(result.failed()).isZero();
        assertThat(result.batches()).isPositive();
        assertThat(result.tableBytes()).isPositive();
        // one hour of 24,000 events over a day is 1,000 events; a 1° box of the 15° × 10° area holds a few
        assertThat(result.rowsPerPage()).isPositive();
        assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.maxMillis());
    }

    @Test
    void theRestoreBenchmarkReadsBackEveryUnitsLatestReport() {
        StoreSettings h2 = new StoreSettings(StoreSettings.h2Url(dir), "", "", null, 0, 2);

        PictureRestoreBenchmark.Result result = PictureRestoreBenchmark.run(h2, 40, 5);

        assertThat(result.rows()).isEqualTo(200);
        assertThat(result.items()).as("each unit's newest report is unexpired at the end").isEqualTo(40);
        assertThat(result.restoreMillis()).hasSize(PictureRestoreBenchmark.RESTORES);
        assertThat(java.util.Arrays.stream(result.restoreMillis()).min().orElseThrow()).as("every restore timed").isPositive();
    }
}
