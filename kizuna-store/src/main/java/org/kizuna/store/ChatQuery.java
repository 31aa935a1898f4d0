package org.kizuna.store;

import java.time.Instant;

/**
 * Chat messages in a receive-time window, optionally of one conversation ({@code <__chat id>}),
 * oldest first, in pages of at most {@code limit} (at most {@value EventQuery#MAX_LIMIT}).
 */
public record ChatQuery(Instant from, Instant to, String conversationId, int limit, String cursor) {

    public ChatQuery {
        EventQuery.checkWindow(from, to);
        conversationId = EventQuery.checkText("conversation", conversationId);
        EventQuery.checkLimit(limit, EventQuery.MAX_LIMIT);
    }

    public ChatQuery after(String nextCursor) {
        return new ChatQuery(from, to, conversationId, limit, nextCursor);
    }

    public String fingerprint() {
        return "c|" + from + '|' + to + '|' + conversationId;
    }
}
