package org.kizuna.app.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.server.testing.Await;
import org.kizuna.store.audit.AuditKey;
import org.kizuna.store.audit.AuditLog;

/**
 * The node's audit writer fails closed and says so: before, a runtime error ended its thread
 * silently (the guard kept releasing), and a full queue dropped records.
 */
class DecisionAuditTest {

    @TempDir
    Path data;

    private AuditLog log;

    @BeforeEach
    void open() throws Exception {
        log = AuditLog.open(AuditLog.file(data), AuditKey.loadOrCreate(AuditKey.defaultFile(data)), Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        log.close();
    }

    @Test
    void aWriterThatCannotWriteStopsRecordingAndCountsWhatItLost() throws Exception {
        try (DecisionAudit audit = new DecisionAudit(log)) {
            audit.record("release-permitted", "a");
            Await.until(() -> lines() == 1, "the first record is written");
            Files.writeString(AuditLog.file(data), "an edited end\n", StandardOpenOption.APPEND);
            assertThat(audit.recording()).isTrue();

            audit.record("release-denied", "b");
            Await.until(() -> !audit.recording(), "the trail fails");
            assertThat(audit.failure()).get().asString().contains("unreadable");
            audit.record("first-release", "c");
            assertThat(audit.unwritten()).isEqualTo(2);
        }
    }

    @Test
    void aFullQueueFailsTheTrailRatherThanDropRecordsSilently() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch disk = new CountDownLatch(1);
        try (DecisionAudit audit = new DecisionAudit((kind, actor, detail) -> {
            entered.countDown();
            await(disk);
            log.append(kind, actor, detail);
        }, 1, Duration.ofMillis(50))) {
            audit.record("release-permitted", "in the writer's hands");
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            audit.record("release-permitted", "queued");
            assertThat(audit.recording()).isTrue();
            audit.record("release-permitted", "no room");
            assertThat(audit.recording()).isFalse();
            assertThat(audit.failure()).get().asString().contains("stayed full");
            assertThat(audit.unwritten()).as("the queued record and the one without room").isEqualTo(2);
            disk.countDown();
        }
        assertThat(lines()).isEqualTo(1);
    }

    @Test
    void aSynchronousAppendThatFailsFailsTheTrailToo() throws Exception {
        try (DecisionAudit audit = new DecisionAudit(log)) {
            Files.writeString(AuditLog.file(data), "torn", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            assertThatThrownBy(() -> audit.append("retracted", "node", "x")).isInstanceOf(UncheckedIOException.class);
            assertThat(audit.recording()).isFalse();
        }
    }

    private long lines() {
        try {
            return Files.readAllLines(AuditLog.file(data)).size();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
