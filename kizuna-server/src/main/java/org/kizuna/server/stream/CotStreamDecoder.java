package org.kizuna.server.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.kizuna.core.routing.WireFormat;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.proto.DetailMemo;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.proto.TakStreamFramer;
import org.kizuna.cot.xml.CotXmlFramer;
import org.kizuna.cot.xml.CotXmlReader;

/**
 * Turns a client's byte stream into {@link CotEvent}s (or {@link DecodeFailure}s), in XML until
 * the session switches to TAK protocol v1. A thin adapter: framing and decoding live in
 * {@code kizuna-cot}.
 *
 * <p>A bad event inside intact framing is a non-fatal failure: the frame is skipped. A frame over
 * the limit or broken protobuf framing is fatal, because the stream cannot be resynchronised
 * safely. Not {@code @Sharable}: it holds the framers' state.
 */
final class CotStreamDecoder extends ByteToMessageDecoder {

    private static final byte[] PROTOCOL_REQUEST = "t-x-takp-q".getBytes(StandardCharsets.US_ASCII);

    private final CotXmlReader xmlReader;
    private final TakProtoCodec protoCodec;
    /** This client's last xmlDetail, parsed: clients repeat it in every report. */
    private final DetailMemo detailMemo = new DetailMemo();
    private final CotXmlFramer xmlFramer;
    private final TakStreamFramer protoFramer;
    private final List<byte[]> frames = new ArrayList<>();
    private final int maxFrameBytes;
    private WireFormat format = WireFormat.XML;
    private boolean broken;
    /** XML bytes received since the last complete frame; garbage when it passes the frame limit. */
    private long unframedBytes;

    CotStreamDecoder(CotXmlReader xmlReader, TakProtoCodec protoCodec, int maxFrameBytes) {
        this.xmlReader = xmlReader;
        this.protoCodec = protoCodec;
        this.xmlFramer = new CotXmlFramer(maxFrameBytes);
        this.protoFramer = new TakStreamFramer(maxFrameBytes);
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Reads everything after the current frame as TAK protocol v1. */
    void switchToProtobuf() {
        format = WireFormat.PROTOBUF;
    }

    /**
     * Frames and decodes everything readable. In XML mode it stops right after a protocol request
     * ({@code t-x-takp-q}) and leaves the following bytes in {@code in}: Netty hands the request
     * to the session handler, which may switch this decoder to protobuf, before calling decode
     * again with those bytes.
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        byte[] chunk = new byte[in.readableBytes()];
        in.getBytes(in.readerIndex(), chunk);
        frames.clear();
        try {
            if (format == WireFormat.XML) {
                int consumed = xmlFramer.feedUntil(chunk, 0, chunk.length, this::collectUntilProtocolRequest);
                in.skipBytes(consumed);
                checkNotGarbage(consumed);
            } else {
                in.skipBytes(chunk.length);
                protoFramer.feed(chunk, 0, chunk.length, frames::add);
            }
        } catch (CotDecodeException e) {
            broken = true;
            in.skipBytes(in.readableBytes());
            decodeAll(out);
            out.add(new DecodeFailure(e, true));
            return;
        }
        decodeAll(out);
    }

    private boolean collectUntilProtocolRequest(byte[] frame) {
        frames.add(frame);
        return !contains(frame, PROTOCOL_REQUEST);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The XML framer skips anything before {@code <event}; without this check a peer could send
     * random bytes forever. More than a frame's worth of bytes without a complete frame, beyond
     * what the framer holds for a frame in progress, is not CoT.
     */
    private void checkNotGarbage(int chunkLength) throws CotDecodeException.NotCotException {
        unframedBytes = frames.isEmpty() ? unframedBytes + chunkLength : 0;
        if (unframedBytes - xmlFramer.buffered() > maxFrameBytes) {
            throw new CotDecodeException.NotCotException(unframedBytes + " bytes without a CoT event");
        }
    }

    private void decodeAll(List<Object> out) {
        for (byte[] frame : frames) {
            try {
                out.add(format == WireFormat.XML ? xmlReader.read(frame) : protoCodec.decode(frame, detailMemo));
            } catch (CotDecodeException e) {
                out.add(new DecodeFailure(e, false));
            }
        }
        frames.clear();
    }
}
