package org.kizuna.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kizuna.cot.xml.CotXmlWriter;
import org.kizuna.store.jdbc.JdbcHistoryStore;

/**
 * {@code kill -9} of a JVM writing under load, then a reopen: the store opens cleanly, every event
 * the writer had reported committed is there byte for byte, nothing is there twice, and the store
 * takes new writes.
 */
abstract class CrashSafetyContract {

    private static final int COMMITS_BEFORE_KILL = 20;

    TestDatabase db;

    abstract TestDatabase database();

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void everyBatchCommittedBeforeAKillIsIntactAfterIt() throws Exception {
        db = database();
        StoreSettings settings = db.settings();
        long lastCommitted = runAndKill(settings);
        assertThat(lastCommitted).isGreaterThanOrEqualTo((long) COMMITS_BEFORE_KILL * CrashWriter.CHAT_EVERY - 1);

        try (JdbcHistoryStore store = JdbcHistoryStore.open(settings, Clock.systemUTC(), false)) {
            BitSet seen = new BitSet();
            EventQuery all = EventQuery.builder().typePrefix("b-m-p-s-p-i").limit(EventQuery.MAX_LIMIT).build();
            Page<StoredEvent> page = store.events(all);
            while (true) {
                for (StoredEvent e : page.items()) {
                    int seq = Integer.parseInt(e.uid().substring("crash-".length()));
                    assertThat(seen.get(seq)).as("event %d stored twice", seq).isFalse();
                    seen.set(seq);
                    assertThat(e.xml()).as("bytes of event %d", seq).isEqualTo(CotXmlWriter.toBytes(CrashWriter.event(seq)));
                }
                if (page.next().isEmpty()) {
                    break;
                }
                page = store.events(all.after(page.next().get()));
            }
            assertThat(seen.nextClearBit(0)).as("first missing event").isGreaterThan((int) lastCommitted);
            assertThat(store.chats(new ChatQuery(null, null, null, 1000, null)).items().size())
                    .isGreaterThanOrEqualTo(COMMITS_BEFORE_KILL);

            store.write(WriteBatch.ofEvents(List.of(Events.stored("after-restart", "a-f-G", 35, 139, Instant.now()))));
            assertThat(store.events(EventQuery.builder().uid("after-restart").build()).items()).hasSize(1);
        }
    }

    /** Starts the writer JVM, kills it with SIGKILL after enough commits; returns the last committed number. */
    private static long runAndKill(StoreSettings settings) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), settings.url(), settings.user(), settings.password())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AtomicLong last = new AtomicLong(-1);
        AtomicLong commits = new AtomicLong();
        Thread reader = new Thread(() -> readCommits(child, last, commits), "crash-test-reader");
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (commits.get() < COMMITS_BEFORE_KILL && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(child.isAlive()).as("writer JVM still running when killed").isTrue();
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no close
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        reader.join(10_000);
        return last.get();
    }

    private static void readCommits(Process child, AtomicLong last, AtomicLong commits) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("committed ")) {
                    last.accumulateAndGet(Long.parseLong(line.substring(10)), Math::max);
                    commits.incrementAndGet();
                }
            }
        } catch (java.io.IOException e) {
            // the pipe closes when the child dies
        }
    }
}
