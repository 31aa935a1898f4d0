package org.kizuna.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a JVM whose writer still holds queued events: its shutdown hook flushes them and
 * closes the store, so after a reopen every event offered is there. (H2 closes its databases from
 * a shutdown hook of its own unless told not to; that hook once won the race and the node's last
 * batches failed with "Database is already closed".)
 */
abstract class GracefulShutdownContract {

    private static final int EVENTS = 100_000;

    TestDatabase db;

    abstract TestDatabase database();

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void everythingQueuedBeforeASigtermIsStoredAfterIt() throws Exception {
        db = database();
        StoreSettings settings = db.settings();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("shutdown-writer", ".log");
        Process child = new ProcessBuilder(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                ShutdownWriter.class.getName(), settings.url(), settings.user(), settings.password(),
                String.valueOf(EVENTS))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(log).contains("\noffered\n") && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("child still running with events queued").isTrue();
            child.destroy(); // SIGTERM: shutdown hooks run
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
        } finally {
            child.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.delete(log);
        assertThat(child.exitValue()).as(output).isEqualTo(143);
        assertThat(output).doesNotContain("not committed").doesNotContain("abandoning");

        try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             ResultSet rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM cot_event")) {
            rows.next();
            assertThat(rows.getLong(1)).as("events stored; the child printed:%n%s", output).isEqualTo(EVENTS);
        }
    }
}
