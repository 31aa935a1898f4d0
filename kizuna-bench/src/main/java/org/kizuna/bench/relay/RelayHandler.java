package org.kizuna.bench.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.xml.CotXmlFramer;

/**
 * One relay connection: once the TLS handshake succeeded (client certificate checked by the TLS
 * layer), every complete {@code <event>…</event>} it sends is queued, byte for byte, for every
 * other connected client. No parsing, no routing; a recipient whose queue is full misses the
 * frame (counted), the least a server must do to survive a slow consumer.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private final Set<RelayOutbound> clients;
    private final LongAdder dropped;
    private final CotXmlFramer framer;
    private RelayOutbound self;

    RelayHandler(Set<RelayOutbound> clients, LongAdder dropped, int maxFrameBytes) {
        this.clients = clients;
        this.dropped = dropped;
        this.framer = new CotXmlFramer(maxFrameBytes);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                self = new RelayOutbound(ctx.channel(), dropped);
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
        for (RelayOutbound other : clients) {
            if (other != self) {
                other.offer(frame);
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (self != null) {
            self.drain();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (self != null) {
            clients.remove(self);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
