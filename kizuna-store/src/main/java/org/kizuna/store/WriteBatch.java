package org.kizuna.store;

import java.util.List;

/** What the writer commits in one transaction: all of it or none of it. */
public record WriteBatch(List<StoredEvent> events, List<ChatRow> chats, List<ConnectionRow> connections) {

    public WriteBatch {
        events = List.copyOf(events);
        chats = List.copyOf(chats);
        connections = List.copyOf(connections);
    }

    public static WriteBatch ofEvents(List<StoredEvent> events) {
        return new WriteBatch(events, List.of(), List.of());
    }

    public int size() {
        return events.size() + chats.size() + connections.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
