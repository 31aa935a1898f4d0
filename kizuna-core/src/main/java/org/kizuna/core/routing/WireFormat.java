package org.kizuna.core.routing;

/** How a session's bytes are framed and encoded. Every session starts in XML. */
public enum WireFormat {
    /** CoT XML events back to back, split on {@code </event>}. */
    XML,
    /** TAK protocol v1: 0xbf, varint length, {@code TakMessage} protobuf. */
    PROTOBUF,
    /** One JSON object per event, for the web live feed (one WebSocket text frame each). */
    JSON
}
