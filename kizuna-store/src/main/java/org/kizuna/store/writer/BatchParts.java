package org.kizuna.store.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.kizuna.store.ChatRow;
import org.kizuna.store.ConnectionRow;
import org.kizuna.store.StoredEvent;
import org.kizuna.store.WriteBatch;

/** The queued items of one batch sorted into the store's batch and the chat futures to complete. */
record BatchParts(WriteBatch batch, List<CompletableFuture<Void>> chatFutures) {

    static BatchParts of(List<Object> items) {
        List<StoredEvent> events = new ArrayList<>(items.size());
        List<ChatRow> chats = new ArrayList<>();
        List<ConnectionRow> connections = new ArrayList<>();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof StoredEvent e) {
                events.add(e);
            } else if (item instanceof ConnectionRow r) {
                connections.add(r);
            } else if (item instanceof QueuedChat c) {
                events.add(c.event());
                chats.add(c.row());
                futures.add(c.committed());
            }
        }
        return new BatchParts(new WriteBatch(events, chats, connections), futures);
    }
}
