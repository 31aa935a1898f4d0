package org.kizuna.server.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.proto.TakStreamFramer;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.cot.xml.CotXmlWriter;

/** The decoder in a Netty pipeline without sockets: what each kind of input turns into. */
class CotStreamDecoderTest {

    private static final CotLimits LIMITS = CotLimits.DEFAULTS.withMaxFrameBytes(4096);
    private final TakProtoCodec proto = new TakProtoCodec(LIMITS);
    private final CotStreamDecoder decoder = new CotStreamDecoder(new CotXmlReader(LIMITS), proto, 4096);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    private void write(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    @Test
    void garbageAndDeclarationsBeforeEventsAreSkippedAndSplitFramesJoined() {
        byte[] event = CotXmlWriter.toBytes(Events.pli("U-1", "ONE"));
        String stream = "\n\n<?xml version='1.0' standalone='yes'?>" + new String(event, UTF_8);
        byte[] bytes = stream.getBytes(UTF_8);
        write(java.util.Arrays.copyOfRange(bytes, 0, 37));
        assertThat((Object) channel.readInbound()).isNull();
        write(java.util.Arrays.copyOfRange(bytes, 37, bytes.length));
        CotEvent decoded = channel.readInbound();
        assertThat(decoded.uid()).isEqualTo("U-1");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aBadEventIsANonFatalFailureAndTheNextEventStillDecodes() {
        write("<event uid='x'><point lat='95'/></event>".getBytes(UTF_8));
        write(CotXmlWriter.toBytes(Events.pli("U-2", "TWO")));
        DecodeFailure failure = channel.readInbound();
        assertThat(failure.fatal()).isFalse();
        CotEvent next = channel.readInbound();
        assertThat(next.uid()).isEqualTo("U-2");
    }

    @Test
    void anOversizedFrameIsFatalAndLaterBytesAreIgnored() {
        write(("<event uid='big'><detail><remarks>" + "x".repeat(5000)).getBytes(UTF_8));
        DecodeFailure failure = channel.readInbound();
        assertThat(failure.fatal()).isTrue();
        assertThat(failure.error().reason()).isEqualTo("frame-too-long");
        write(CotXmlWriter.toBytes(Events.pli("U-3", "THREE")));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void afterTheSwitchFramesAreProtobuf() {
        decoder.switchToProtobuf();
        byte[] frame = TakStreamFramer.frame(proto.encode(Events.pli("U-4", "FOUR")));
        write(java.util.Arrays.copyOfRange(frame, 0, 3));
        assertThat((Object) channel.readInbound()).isNull();
        write(java.util.Arrays.copyOfRange(frame, 3, frame.length));
        CotEvent decoded = channel.readInbound();
        assertThat(decoded.uid()).isEqualTo("U-4");
        write("<event/>".getBytes(UTF_8)); // XML after the switch breaks the protobuf framing
        DecodeFailure failure = channel.readInbound();
        assertThat(failure.fatal()).isTrue();
    }
}
