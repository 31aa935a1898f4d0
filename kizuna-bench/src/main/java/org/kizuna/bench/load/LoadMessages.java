package org.kizuna.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kizuna.core.routing.WireFormat;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Chat;
import org.kizuna.cot.detail.ChatGroup;
import org.kizuna.cot.detail.Remarks;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.proto.TakStreamFramer;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.cot.xml.CotXmlWriter;

/**
 * What load clients send: a real ATAK position report (the JMH fixture, 695 bytes as XML) with the
 * client's own uid and callsign, fresh times and a {@link Marker}; and GeoChat to All Chat Rooms.
 * Each message is built and encoded when it is sent, as a TAK client does. Thread-safe.
 */
final class LoadMessages {

    /** ATAK's default stale time for its own position report. */
    private static final Duration PLI_STALE = Duration.ofMinutes(6);
    private static final String FIXTURE = "/bench/atak-pli.xml";
    private static final String FIXTURE_UID = "ANDROID-589520ccfcd20f01";
    private static final String FIXTURE_CALLSIGN = "KESTREL-21";

    private final WireFormat format;
    private final TakProtoCodec codec = new TakProtoCodec(CotLimits.DEFAULTS);
    private final List<CotEvent> pliBase;

    LoadMessages(int clients, WireFormat format) {
        this.format = format;
        String fixture = fixture();
        CotXmlReader reader = new CotXmlReader(CotLimits.DEFAULTS);
        List<CotEvent> bases = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            String xml = fixture.replace(FIXTURE_UID, uid(i)).replace(FIXTURE_CALLSIGN, callsign(i));
            try {
                bases.add(reader.read(xml.getBytes(StandardCharsets.UTF_8)));
            } catch (CotDecodeException e) {
                throw new IllegalStateException("the position report fixture does not parse", e);
            }
        }
        this.pliBase = bases;
    }

    static String uid(int client) {
        return String.format("LOAD-%05d", client);
    }

    static String callsign(int client) {
        return String.format("LOAD-%05d", client);
    }

    /** Client {@code client}'s position report stamped {@code sentMicros}, encoded for the wire. */
    byte[] positionReport(int client, long sentMicros, Instant now) {
        CotEvent base = pliBase.get(client);
        CotEvent event = base.toBuilder()
                .times(now, now.plus(PLI_STALE))
                .detail(withMarker(base.detail(), client, sentMicros))
                .build();
        return encode(event);
    }

    /** A GeoChat line from {@code client} to All Chat Rooms, which every client receives. */
    byte[] chat(int client, long sentMicros, Instant now) {
        String uid = uid(client);
        String messageId = uid + "-" + sentMicros;
        Chat chat = new Chat(Attributes.of("parent", "RootContactGroup", "chatroom", Chat.ALL_CHAT_ROOMS,
                "id", Chat.ALL_CHAT_ROOMS, "senderCallsign", callsign(client), "messageId", messageId),
                new ChatGroup(Attributes.of("uid0", uid, "uid1", Chat.ALL_CHAT_ROOMS, "id", Chat.ALL_CHAT_ROOMS)));
        Detail detail = Detail.builder()
                .chat(chat)
                .remarks(new Remarks("load test line " + messageId, Attributes.of("to", Chat.ALL_CHAT_ROOMS)))
                .unknown(List.of(Marker.element(client, sentMicros)))
                .build();
        CotEvent event = CotEvent.builder("GeoChat." + uid + "." + Chat.ALL_CHAT_ROOMS + "." + messageId, "b-t-f")
                .how("h-g-i-g-o")
                .times(now, now.plus(Duration.ofDays(1)))
                .point(Point.of(35.68, 139.76))
                .detail(detail)
                .build();
        return encode(event);
    }

    private byte[] encode(CotEvent event) {
        return format == WireFormat.XML ? CotXmlWriter.toBytes(event) : TakStreamFramer.frame(codec.encode(event));
    }

    private static Detail withMarker(Detail detail, int client, long sentMicros) {
        List<String> unknown = new ArrayList<>(detail.unknown().size() + 1);
        unknown.addAll(detail.unknown());
        unknown.add(Marker.element(client, sentMicros));
        return detail.toBuilder().unknown(unknown).build();
    }

    private static String fixture() {
        try (InputStream in = LoadMessages.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + FIXTURE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
