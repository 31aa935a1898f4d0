package org.kizuna.server.http.cop;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/**
 * Wraps what the session writes (one JSON message per buffer, shared bytes) into one text frame
 * each, so {@link org.kizuna.server.session.Session} stays unaware that this client is a browser.
 */
final class TextFrames extends MessageToMessageEncoder<ByteBuf> {

    TextFrames() {
        super(ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
        out.add(new TextWebSocketFrame(msg.retain()));
    }
}
