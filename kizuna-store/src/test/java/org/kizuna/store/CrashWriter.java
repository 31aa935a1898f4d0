package org.kizuna.store;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.kizuna.cot.CotEvent;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import org.kizuna.store.writer.Admission;
import org.kizuna.store.writer.HistoryWriter;
import org.kizuna.store.writer.WriterSettings;

/**
 * The child JVM of {@link CrashSafetyContract}: writes numbered events through the production
 * writer as fast as it takes them, with a chat message every {@value #CHAT_EVERY} events. When a
 * chat's commit completes it prints {@code committed N}: every event numbered up to N is then
 * committed too (batches commit in queue order). It runs until it is killed.
 */
public final class CrashWriter {

    static final int CHAT_EVERY = 500;
    static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    private CrashWriter() {
    }

    /** The event numbered {@code seq}: the parent rebuilds it to compare bytes. */
    static CotEvent event(long seq) {
        return Events.position("crash-" + seq, "b-m-p-s-p-i", 35 + (seq % 1000) / 10_000.0, 139, T0.plusMillis(seq), 600);
    }

    public static void main(String[] args) throws Exception {
        StoreSettings settings = new StoreSettings(args[0], args[1], args[2], null, 0, 4);
        PrintStream out = System.out;
        JdbcHistoryStore store = JdbcHistoryStore.open(settings, Clock.systemUTC(), false);
        HistoryWriter writer = new HistoryWriter(store, new WriterSettings(20_000, 1_000));
        out.println("started");
        out.flush();
        for (long seq = 0; ; seq++) {
            StoredEvent e = StoredEvent.of(event(seq), "crash-test", Set.of("Blue"), false, Instant.now());
            while (writer.offer(e) != Admission.QUEUED) {
                Thread.sleep(1); // the database is behind: this load generator waits, a node would sample
            }
            if (seq % CHAT_EVERY == CHAT_EVERY - 1) {
                offerChat(writer, seq, out);
            }
        }
    }

    private static void offerChat(HistoryWriter writer, long seq, PrintStream out) throws InterruptedException {
        CotEvent chat = Events.chat("crash-chat-" + seq, "All Chat Rooms", "after " + seq, T0);
        while (true) {
            CompletableFuture<Void> f = writer.offerChat(StoredEvent.of(chat, "crash-test", Set.of("Blue"), false,
                    Instant.now()), ChatRow.of(chat, "crash-test", Set.of("Blue"), Instant.now()));
            if (!f.isCompletedExceptionally()) {
                f.thenRun(() -> {
                    synchronized (out) {
                        out.println("committed " + seq);
                        out.flush();
                    }
                });
                return;
            }
            Thread.sleep(1);
        }
    }
}
