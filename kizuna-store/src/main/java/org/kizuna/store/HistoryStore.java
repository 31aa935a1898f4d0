package org.kizuna.store;

import java.time.Instant;
import java.util.List;

/**
 * A node's history: events, chat and connections written in batches, read back by queries.
 *
 * <p>Every method blocks on the database: call none of them on an event loop. The server writes
 * through {@link org.kizuna.store.writer.HistoryWriter}, which owns the one thread that calls
 * {@link #write}. Queries may run from any thread; each borrows a pooled connection.
 */
public interface HistoryStore extends AutoCloseable {

    /** Commits {@code batch} in one transaction: after a normal return all of it is durable, else none. */
    void write(WriteBatch batch) throws StoreException;

    Page<StoredEvent> events(EventQuery query) throws StoreException;

    Page<TrackPoint> track(TrackQuery query) throws StoreException;

    Page<ChatRow> chats(ChatQuery query) throws StoreException;

    /** Connect and disconnect rows in a receive-time window, oldest first, at most {@code limit}. */
    List<ConnectionRow> connections(Instant from, Instant to, int limit) throws StoreException;

    /**
     * The current picture as stored: per uid, its latest broadcast (not point-to-point, not chat)
     * event, when that is unexpired at {@code now} and not deleted by a later {@code t-x-d-d}; at
     * most {@code limit} items, the most recently received first.
     */
    List<StoredEvent> currentPicture(Instant now, int limit) throws StoreException;

    /** Stops background work (retention) and closes the connection pool. */
    @Override
    void close();
}
