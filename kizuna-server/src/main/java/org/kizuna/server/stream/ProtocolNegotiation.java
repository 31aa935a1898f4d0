package org.kizuna.server.stream;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.kizuna.core.routing.WireFormat;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotType;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.proto.TakStreamFramer;
import org.kizuna.cot.xml.CotXmlWriter;
import org.kizuna.server.control.ControlMessages;

/**
 * The control conversation of TAK streaming: the protocol offer the server sends first, the
 * answer to a client's {@code t-x-takp-q}, and the answer to a ping. Control types are consumed
 * and never routed.
 */
final class ProtocolNegotiation {

    /** Types the server consumes (subscriptions, filters, pings, protocol, metrics, incognito). */
    private static final List<String> CONTROL_PREFIXES = List.of(
            "t-b", "t-x-c", "t-x-takp");

    private static final Pattern VERSION_1_REQUEST =
            Pattern.compile("<TakRequest\\b[^>]*\\bversion\\s*=\\s*[\"']1[\"']");

    private final Clock clock;

    ProtocolNegotiation(Clock clock) {
        this.clock = clock;
    }

    byte[] offer() {
        return CotXmlWriter.toBytes(ControlMessages.protocolOffer(clock.instant()));
    }

    /** The answer is always XML: the switch happens after the client has read it. */
    byte[] response(String requestUid, boolean accepted) {
        return CotXmlWriter.toBytes(ControlMessages.protocolResponse(requestUid, accepted, clock.instant()));
    }

    byte[] pong(WireFormat format, TakProtoCodec codec) {
        CotEvent pong = ControlMessages.pong(clock.instant());
        return format == WireFormat.XML ? CotXmlWriter.toBytes(pong) : TakStreamFramer.frame(codec.encode(pong));
    }

    /** True when a {@code t-x-takp-q} asks for version 1, the only version there is. */
    static boolean requestsVersion1(CotEvent request) {
        for (String fragment : request.detail().unknown()) {
            if (VERSION_1_REQUEST.matcher(fragment).find()) {
                return true;
            }
        }
        return false;
    }

    static boolean isControl(CotType type) {
        for (String prefix : CONTROL_PREFIXES) {
            if (type.isA(prefix)) {
                return true;
            }
        }
        return false;
    }
}
