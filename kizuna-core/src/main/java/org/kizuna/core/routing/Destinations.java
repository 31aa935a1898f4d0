package org.kizuna.core.routing;

import java.util.LinkedHashSet;
import java.util.Set;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.ChatGroup;
import org.kizuna.cot.detail.Marti;
import org.kizuna.cot.detail.MartiDest;

/**
 * Where an event asks to go, read from {@code <marti><dest>} and, for GeoChat, from
 * {@code <__chat>}: explicit callsigns and uids, an optional narrowing to one of the sender's
 * groups, and whether it named destinations the server cannot serve (missions, for now).
 *
 * <p>A GeoChat message to anything but All Chat Rooms is point-to-point even without
 * {@code <marti>}: its chat group names the recipients, and it is never broadcast.
 */
record Destinations(Set<String> callsigns, Set<String> uids, String group, boolean unsupported,
                    boolean directChat) {

    /** ATAK's callsign meaning "everyone": explicit routing off. */
    static final String ALL_STREAMING = "All Streaming";

    static Destinations of(CotEvent event) {
        Set<String> callsigns = new LinkedHashSet<>();
        Set<String> uids = new LinkedHashSet<>();
        String group = null;
        boolean unsupported = false;
        Marti marti = event.detail().marti();
        if (marti != null) {
            for (MartiDest dest : marti.destinations()) {
                if (dest.callsign().isPresent()) {
                    String cs = dest.callsign().get();
                    if (!ALL_STREAMING.equals(cs)) {
                        callsigns.add(cs);
                    }
                } else if (dest.uid().isPresent()) {
                    uids.add(dest.uid().get());
                } else if (dest.group().isPresent()) {
                    group = dest.group().get();
                } else {
                    unsupported = true; // mission, mission-guid, publish: not served yet
                }
            }
        }
        boolean directChat = false;
        Chat chat = event.detail().chat();
        if (event.type().isGeoChat() && chat != null && !chat.isToAllChatRooms()) {
            directChat = true;
            if (callsigns.isEmpty() && uids.isEmpty()) {
                uids.addAll(chatRecipients(chat));
            }
        }
        return new Destinations(Set.copyOf(callsigns), Set.copyOf(uids), group, unsupported, directChat);
    }

    /** The uids at the far end of a chat: chatgrp uid1..uidN (uid0 is the sender), else the chat id. */
    private static Set<String> chatRecipients(Chat chat) {
        Set<String> uids = new LinkedHashSet<>();
        ChatGroup grp = chat.chatGroup();
        if (grp != null) {
            grp.attributes().forEach((name, value) -> {
                if (name.startsWith("uid") && !name.equals("uid0")) {
                    uids.add(value);
                }
            });
        }
        if (uids.isEmpty()) {
            chat.id().ifPresent(uids::add);
        }
        return uids;
    }

    boolean isPointToPoint() {
        return !callsigns.isEmpty() || !uids.isEmpty() || directChat;
    }
}
