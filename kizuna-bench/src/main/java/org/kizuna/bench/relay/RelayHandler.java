package org.kizuna.bench.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.xml.CotXmlFramer;

/**
 * One relay connection: once the TLS handshake succeeded (client certificate checked by the TLS
 * layer), every complete {@code <event>…</event>} it sends is written, byte for byte, to every
 * other connected client. No parsing, no routing, no queue: a recipient whose socket is not
 * writable misses the frame (counted), the least a server must do to survive a slow consumer.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private final Set<Channel> clients;
    private final LongAdder dropped;
    private final CotXmlFramer framer;
    private Channel self;

    RelayHandler(Set<Channel> clients, LongAdder dropped, int maxFrameBytes) {
        this.clients = clients;
        this.dropped = dropped;
        this.framer = new CotXmlFramer(maxFrameBytes);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                self = ctx.channel();
                clients.add(self);
            } else {
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (self == null) {
                return;
            }
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            framer.feed(bytes, 0, bytes.length, this::forward);
        } catch (CotDecodeException e) {
            ctx.close(); // an event larger than the limit: the stream cannot be framed any more
        } finally {
            buf.release();
        }
    }

    private void forward(byte[] frame) {
        for (Channel other : clients) {
            if (other == self) {
                continue;
            }
            if (other.isWritable()) {
                other.writeAndFlush(Unpooled.wrappedBuffer(frame), other.voidPromise());
            } else {
                dropped.increment();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        clients.remove(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
