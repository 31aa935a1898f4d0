package org.kizuna.bench.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Detail;
import org.kizuna.cot.xml.CotXmlFramer;
import org.kizuna.cot.xml.CotXmlWriter;

/**
 * The client side of the TAK protocol v1 negotiation: wait for the server's {@code t-x-takp-v}
 * offer, ask for version 1, and switch once {@code t-x-takp-r status="true"} arrives. Whatever
 * follows the answer in the same read is already protobuf ({@link #consumed()} says where it starts).
 */
final class ProtocolSwitch {

    enum Step { WAITING, SWITCHED, REFUSED }

    private final String uid;
    private final CotXmlFramer framer = new CotXmlFramer(CotLimits.DEFAULTS.maxFrameBytes());
    private boolean requested;
    private Step step = Step.WAITING;
    private int consumed;

    ProtocolSwitch(String uid) {
        this.uid = uid;
    }

    Step feed(byte[] bytes, ChannelHandlerContext ctx) {
        try {
            consumed = framer.feedUntil(bytes, 0, bytes.length, frame -> answer(frame, ctx));
        } catch (CotDecodeException e) {
            step = Step.REFUSED; // the server's XML before the switch is not framable: nothing to switch to
        }
        return step;
    }

    private boolean answer(byte[] frame, ChannelHandlerContext ctx) {
        String xml = new String(frame, StandardCharsets.UTF_8);
        if (xml.contains("t-x-takp-v") && !requested) {
            requested = true;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(request()), ctx.voidPromise());
        } else if (xml.contains("t-x-takp-r")) {
            step = xml.contains("status=\"true\"") || xml.contains("status='true'") ? Step.SWITCHED : Step.REFUSED;
            return false;
        }
        return true;
    }

    /** Bytes of the last fed buffer that belonged to the XML part. */
    int consumed() {
        return consumed;
    }

    private byte[] request() {
        Instant now = Instant.now();
        return CotXmlWriter.toBytes(CotEvent.builder(uid, "t-x-takp-q")
                .times(now, now.plusSeconds(60))
                .detail(Detail.builder().unknown(List.of("<TakControl><TakRequest version=\"1\"/></TakControl>")).build())
                .build());
    }
}
