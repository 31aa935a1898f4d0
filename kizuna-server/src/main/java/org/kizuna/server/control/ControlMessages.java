package org.kizuna.server.control;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.cot.Detail;
import org.kizuna.cot.Point;

/** The control events the streaming port sends: protocol offer and answer, pong, group change. */
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

    /**
     * {@code t-x-g-c}: the client's channels changed. A notice without the list, as TAK Server
     * sends it: clients answer by reading {@code /Marti/api/groups/all} again.
     */
    public static CotEvent groupChange(Instant now) {
        return control(UUID.randomUUID().toString(), CotType.GROUP_CHANGE, now, 20, null);
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
