package org.kizuna.cot.detail;

import java.util.Objects;
import java.util.Optional;
import org.kizuna.cot.Attributes;

/**
 * {@code <__chat>} of a GeoChat ({@code b-t-f}) message: chat room, sender and the
 * {@code <chatgrp>} naming the two ends. {@code chatGroup} is {@code null} when absent.
 *
 * <p>The room "All Chat Rooms" is the broadcast room; any other room is a direct or group
 * conversation and must never be broadcast.
 */
public record Chat(Attributes attributes, ChatGroup chatGroup) {

    /** The XML element name. */
    public static final String ELEMENT = "__chat";

    /** ATAK's name for the room everybody is in. */
    public static final String ALL_CHAT_ROOMS = "All Chat Rooms";

    public Chat {
        Objects.requireNonNull(attributes, "attributes");
    }

    public Optional<String> chatroom() {
        return attributes.get("chatroom");
    }

    public Optional<String> id() {
        return attributes.get("id");
    }

    public Optional<String> senderCallsign() {
        return attributes.get("senderCallsign");
    }

    public Optional<String> messageId() {
        return attributes.get("messageId");
    }

    /** True when the message goes to All Chat Rooms (by its id, or its room when it has no id). */
    public boolean isToAllChatRooms() {
        return ALL_CHAT_ROOMS.equals(id().orElseGet(() -> chatroom().orElse("")));
    }
}
