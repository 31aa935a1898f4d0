package org.kizuna.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.Remarks;

/**
 * One GeoChat message as its own queryable row (the event itself is stored too). Every text field
 * but {@code message} may be null when the client did not send it.
 *
 * @param uid            the event uid ({@code GeoChat.SENDER.ROOM.MSGID} for ATAK)
 * @param chatroom       the room's display name ({@code All Chat Rooms}, a callsign, a group name)
 * @param conversationId the conversation id ({@code <__chat id>}), the room for queries
 * @param message        the text ({@code <remarks>}); empty when absent
 */
public record ChatRow(String uid, String messageId, String chatroom, String conversationId, String senderCallsign,
                      String message, String sender, Set<String> groups, Instant time, Instant receivedAt) {

    public ChatRow {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sender, "sender");
        groups = Set.copyOf(groups);
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The chat row of a GeoChat {@code event} routed at {@code receivedAt}. */
    public static ChatRow of(CotEvent event, String sender, Set<String> groups, Instant receivedAt) {
        Chat chat = event.detail().chatOpt().orElse(null);
        String message = event.detail().remarksOpt().map(Remarks::text).orElse("");
        return new ChatRow(event.uid(),
                chat == null ? null : chat.messageId().orElse(null),
                chat == null ? null : chat.chatroom().orElse(null),
                chat == null ? null : chat.id().orElse(null),
                chat == null ? null : chat.senderCallsign().orElse(null),
                message, sender, groups, event.time(), receivedAt);
    }
}
