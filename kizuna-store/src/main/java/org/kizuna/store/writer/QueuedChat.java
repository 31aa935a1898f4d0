package org.kizuna.store.writer;

import java.util.concurrent.CompletableFuture;
import org.kizuna.store.ChatRow;
import org.kizuna.store.StoredEvent;

/** A chat message waiting in the queue with the future its sender waits on. */
record QueuedChat(StoredEvent event, ChatRow row, CompletableFuture<Void> committed) {
}
