package org.kizuna.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.Link;

/**
 * Writes a {@link CotEvent} as the JSON object the web client reads. Only what a map and its panels
 * need is lifted into fields; detail elements the model does not know (shapes, colours, icons)
 * travel verbatim in {@code detailXml}, so nothing a TAK client drew is lost on the way.
 *
 * <p>Uses Jackson's streaming generator: the live feed encodes every event once, and this is on
 * that path.
 */
public final class EventJson {

    /** Shared and thread-safe once built. */
    public static final JsonFactory FACTORY = new JsonFactory();

    private EventJson() {
    }

    /**
     * One live-feed message: {@code {"op":"event"|"chat"|"delete","event":{...},"targets":[...]}};
     * {@code targets} (deletes only) are the uids that leave the map.
     */
    public static byte[] liveMessage(CotEvent event) {
        return liveMessage(event, null);
    }

    /** {@link #liveMessage(CotEvent)} with the label's marking in the event object (null: none; see {@link Marking}). */
    public static byte[] liveMessage(CotEvent event, Marking marking) {
        return liveMessage(event, marking, null);
    }

    /**
     * {@link #liveMessage(CotEvent, Marking)} naming the authenticated identity that sent it in the
     * event's {@code sender} field (null: none). A chat's callsign and sender uid are what the
     * client wrote; the sender is what the node verified.
     */
    public static byte[] liveMessage(CotEvent event, Marking marking, String sender) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("op", op(event.type()));
            g.writeFieldName("event");
            write(g, event, sender == null ? java.util.Map.of() : java.util.Map.of("sender", sender), marking);
            if (event.type().isA(CotType.DELETE)) {
                g.writeArrayFieldStart("targets");
                for (Link link : event.detail().links()) {
                    if (link.uid().isPresent()) {
                        g.writeString(link.uid().get());
                    }
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return out.toByteArray();
    }

    private static String op(CotType type) {
        if (type.isA(CotType.DELETE)) {
            return "delete";
        }
        return type.isGeoChat() ? "chat" : "event";
    }

    /** Writes {@code event} as one JSON object at the generator's position. */
    public static void write(JsonGenerator g, CotEvent event) throws IOException {
        write(g, event, java.util.Map.of());
    }

    /** Writes {@code event} with {@code extra} string fields first (receive time, sender of stored events). */
    public static void write(JsonGenerator g, CotEvent event, java.util.Map<String, String> extra) throws IOException {
        write(g, event, extra, null);
    }

    /** What the web client shows of an event's label: its portion marking, and the id that names the label. */
    public record Marking(String portion, String labelId) {
    }

    /**
     * Writes {@code event} with {@code extra} fields first and, when labels are on, its label's
     * {@code portion} marking and {@code labelId} (null {@code marking}: neither).
     */
    public static void write(JsonGenerator g, CotEvent event, java.util.Map<String, String> extra, Marking marking)
            throws IOException {
        g.writeStartObject();
        for (var e : extra.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeStringField("uid", event.uid());
        g.writeStringField("type", event.type().value());
        g.writeStringField("how", event.how());
        g.writeStringField("time", event.time().toString());
        g.writeStringField("start", event.start().toString());
        g.writeStringField("stale", event.stale().toString());
        Point p = event.point();
        g.writeNumberField("lat", p.lat());
        g.writeNumberField("lon", p.lon());
        g.writeNumberField("hae", p.hae());
        g.writeNumberField("ce", p.ce());
        g.writeNumberField("le", p.le());
        if (marking != null) {
            g.writeStringField("portion", marking.portion());
            g.writeStringField("labelId", marking.labelId());
        }
        writeDetail(g, event.detail());
        g.writeEndObject();
    }

    private static void writeDetail(JsonGenerator g, Detail d) throws IOException {
        optional(g, "callsign", d.callsign());
        if (d.track() != null) {
            number(g, "course", d.track().course());
            number(g, "speed", d.track().speed());
        }
        if (d.group() != null) {
            optional(g, "team", d.group().name());
            optional(g, "role", d.group().role());
        }
        if (d.remarks() != null) {
            g.writeStringField("remarks", d.remarks().text());
        }
        if (!d.links().isEmpty()) {
            g.writeArrayFieldStart("links");
            for (Link link : d.links()) {
                g.writeStartObject();
                optional(g, "uid", link.uid());
                optional(g, "type", link.type());
                optional(g, "relation", link.relation());
                optional(g, "point", link.point());
                optional(g, "callsign", link.callsign());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (d.chat() != null) {
            writeChat(g, d.chat());
        }
        if (!d.unknown().isEmpty()) {
            g.writeArrayFieldStart("detailXml");
            for (String xml : d.unknown()) {
                g.writeString(xml);
            }
            g.writeEndArray();
        }
    }

    private static void writeChat(JsonGenerator g, Chat chat) throws IOException {
        g.writeObjectFieldStart("chat");
        optional(g, "room", chat.chatroom());
        optional(g, "id", chat.id());
        optional(g, "senderCallsign", chat.senderCallsign());
        optional(g, "messageId", chat.messageId());
        if (chat.chatGroup() != null) {
            optional(g, "senderUid", chat.chatGroup().uid0());
            optional(g, "recipientUid", chat.chatGroup().uid1());
        }
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
    }

    private static void number(JsonGenerator g, String name, Optional<Double> value) throws IOException {
        if (value.isPresent() && Double.isFinite(value.get())) {
            g.writeNumberField(name, value.get());
        }
    }
}
