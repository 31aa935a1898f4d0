package org.kizuna.server.control;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;
import org.kizuna.cot.detail.Link;

/** The events the server itself sends: protocol offer and answer, pong, disconnect notice. */
public final class ControlMessages {

    /** Version string in the protocol offer. */
    public static final String SERVER_VERSION = "Kizuna 0.1.0";

    private ControlMessages() {
    }

    /** {@code t-x-takp-v}: the server supports TAK protocol version 1. */
    public static CotEvent protocolOffer(Instant now) {
        return control(UUID.randomUUID().toString(), CotType.PROTOCOL_OFFER, now, 60,
                "<TakControl><TakProtocolSupport version=\"1\"/><TakServerVersionInfo serverVersion=\""
                        + SERVER_VERSION + "\" apiVersion=\"3\"/></TakControl>");
    }

    /** {@code t-x-takp-r}: whether the requested protocol switch happens. */
    public static CotEvent protocolResponse(String requestUid, boolean accepted, Instant now) {
        return control(requestUid, CotType.PROTOCOL_RESPONSE, now, 60,
                "<TakControl><TakResponse status=\"" + accepted + "\"/></TakControl>");
    }

    /** {@code t-x-c-t-r}: the answer to a client's ping. */
    public static CotEvent pong(Instant now) {
        return control("takPong", CotType.PONG, now, 20, null);
    }

    /** {@code t-x-d-d}: the client {@code uid} of type {@code type} has disconnected. */
    public static CotEvent disconnectNotice(String uid, String type, Instant now) {
        Link link = new Link(Attributes.of("uid", uid, "type", type, "relation", "p-p"));
        return CotEvent.builder(uid, CotType.DELETE.value())
                .how("h-g-i-g-o")
                .times(now, now.plusSeconds(20))
                .detail(Detail.builder().links(List.of(link)).build())
                .build();
    }

    /**
     * {@code t-x-d-d} with {@code <__forcedelete/>}: the recipient must remove item {@code uid}
     * (TAK clients remove it even when they would keep a locally edited copy). Sent when a posture
     * tightens and a client may no longer hold what it was sent.
     */
    public static CotEvent forceDelete(String uid, String type, Instant now) {
        Link link = new Link(Attributes.of("uid", uid, "type", type, "relation", "none"));
        return CotEvent.builder("retract-" + uid, CotType.DELETE.value())
                .how("h-g-i-g-o")
                .times(now, now.plusSeconds(20))
                .detail(Detail.builder().links(List.of(link)).unknown(List.of("<__forcedelete/>")).build())
                .build();
    }

    private static CotEvent control(String uid, CotType type, Instant now, int staleSeconds, String fragment) {
        Detail detail = fragment == null ? Detail.EMPTY : Detail.builder().unknown(List.of(fragment)).build();
        return CotEvent.builder(uid, type.value())
                .how("m-g")
                .times(now, now.plusSeconds(staleSeconds))
                .point(Point.NOWHERE)
                .detail(detail)
                .build();
    }
}
