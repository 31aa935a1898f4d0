package org.kizuna.store;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.kizuna.store.jdbc.JdbcHistoryStore;
import org.kizuna.store.writer.Admission;
import org.kizuna.store.writer.HistoryWriter;
import org.kizuna.store.writer.WriterSettings;

/**
 * The child JVM of {@link GracefulShutdownContract}: closes the writer and then the store from a
 * shutdown hook, as {@code kizuna serve} does, offers {@code args[3]} numbered events as fast as
 * the writer takes them (so many are still queued), prints {@code offered}, and waits to be
 * stopped with SIGTERM.
 */
public final class ShutdownWriter {

    private ShutdownWriter() {
    }

    public static void main(String[] args) throws Exception {
        StoreSettings settings = new StoreSettings(args[0], args[1], args[2], null, 0, 4);
        int count = Integer.parseInt(args[3]);
        JdbcHistoryStore store = JdbcHistoryStore.open(settings, Clock.systemUTC(), false);
        HistoryWriter writer = new HistoryWriter(store, new WriterSettings(count, 1_000));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            writer.close();
            store.close();
        }, "shutdown-writer-close"));
        for (int seq = 0; seq < count; seq++) {
            StoredEvent e = StoredEvent.of(CrashWriter.event(seq), "shutdown-test", Set.of("Blue"), false, Instant.now());
            while (writer.offer(e) != Admission.QUEUED) {
                Thread.sleep(1);
            }
        }
        PrintStream out = System.out;
        out.println("offered");
        out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
