package org.kizuna.server.http.cop;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.ChatGroup;
import org.kizuna.cot.detail.Link;
import org.kizuna.cot.detail.Remarks;

/**
 * GeoChat as ATAK writes it (see the c2-standards reference, "GeoChat"): uid
 * {@code GeoChat.SENDER.ROOM.MSGID}, how {@code h-g-i-g-o}, {@code <__chat>} with its
 * {@code <chatgrp>}, a producer {@code <link>} and the text in {@code <remarks>}. The broadcast
 * room is literally "All Chat Rooms"; a direct message names the recipient's uid as room and
 * {@code chatgrp uid1}, which the router delivers point-to-point.
 */
final class GeoChats {

    /** How long a chat stays current; TAK clients keep chat history themselves regardless. */
    static final Duration STALE_AFTER = Duration.ofDays(1);

    private GeoChats() {
    }

    /**
     * A message from {@code senderUid}/{@code senderCallsign}; {@code toUid} null means All Chat
     * Rooms, else a direct message shown in the room {@code toCallsign} (the uid when unknown).
     */
    static CotEvent message(String senderUid, String senderCallsign, String toUid, String toCallsign, String text,
                            Instant now) {
        boolean all = toUid == null;
        String roomId = all ? Chat.ALL_CHAT_ROOMS : toUid;
        String roomName = all ? Chat.ALL_CHAT_ROOMS : (toCallsign == null ? toUid : toCallsign);
        String messageId = UUID.randomUUID().toString();
        Chat chat = new Chat(Attributes.of("parent", "RootContactGroup", "groupOwner", "false",
                "messageId", messageId, "chatroom", roomName, "id", roomId, "senderCallsign", senderCallsign),
                new ChatGroup(Attributes.of("uid0", senderUid, "uid1", roomId, "id", roomId)));
        Remarks remarks = new Remarks(text, Attributes.of("source", "BAO.F.ATAK." + senderUid, "to", roomId,
                "time", now.toString()));
        Link producer = new Link(Attributes.of("uid", senderUid, "type", CallerSession.WEB_USER_TYPE, "relation", "p-p"));
        return CotEvent.builder("GeoChat." + senderUid + "." + roomId + "." + messageId, "b-t-f")
                .how("h-g-i-g-o")
                .times(now, now.plus(STALE_AFTER))
                .point(Point.NOWHERE)
                .detail(Detail.builder().chat(chat).links(List.of(producer)).remarks(remarks).build())
                .build();
    }

    /** True when {@code chat} is a direct message from or to {@code uid}. */
    static boolean involves(CotEvent chat, String uid) {
        if (chat.uid().startsWith("GeoChat." + uid + ".")) {
            return true;
        }
        return chat.detail().chatOpt()
                .map(c -> uid.equals(c.id().orElse(null))
                        || (c.chatGroup() != null && (uid.equals(c.chatGroup().uid0().orElse(null))
                        || uid.equals(c.chatGroup().uid1().orElse(null)))))
                .orElse(false);
    }
}
