package org.kizuna.server.http.cop;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts what the session writes (one JSON message per buffer, shared bytes) into text frames that
 * each hold a JSON array of every message written since the last flush: {@code [m1,m2,...]}.
 * A browser pays per frame (a task, a parse, a wake-up of the page), and with thousands of units
 * reporting every second one frame per message cost the page more than drawing them. A frame is
 * closed early at {@link #MAX_FRAME_BYTES} so that what waits here stays small and the socket's
 * own writability (which decides coalescing for a slow browser) still sees the backlog.
 * {@link org.kizuna.server.session.Session} stays unaware that this client is a browser.
 */
final class BatchedTextFrames extends ChannelOutboundHandlerAdapter {

    static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final byte[] OPEN = {'['};
    private static final byte[] COMMA = {','};
    private static final byte[] CLOSE = {']'};

    private CompositeByteBuf batch;
    private final List<ChannelPromise> promises = new ArrayList<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf bytes)) {
            // control frames (close, pong) keep their place after the messages written before them
            emit(ctx);
            ctx.write(msg, promise);
            return;
        }
        if (batch == null) {
            batch = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            batch.addComponent(true, Unpooled.wrappedBuffer(OPEN));
        } else {
            batch.addComponent(true, Unpooled.wrappedBuffer(COMMA));
        }
        batch.addComponent(true, bytes);
        if (!promise.isVoid()) {
            promises.add(promise);
        }
        if (batch.readableBytes() >= MAX_FRAME_BYTES) {
            emit(ctx);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        emit(ctx);
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        discard();
        super.close(ctx, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discard();
    }

    private void emit(ChannelHandlerContext ctx) {
        if (batch == null) {
            return;
        }
        batch.addComponent(true, Unpooled.wrappedBuffer(CLOSE));
        TextWebSocketFrame frame = new TextWebSocketFrame(batch);
        batch = null;
        if (promises.isEmpty()) {
            ctx.write(frame, ctx.voidPromise());
            return;
        }
        List<ChannelPromise> waiting = List.copyOf(promises);
        promises.clear();
        ctx.write(frame).addListener(done -> waiting.forEach(p -> {
            if (done.isSuccess()) {
                p.trySuccess();
            } else {
                p.tryFailure(done.cause());
            }
        }));
    }

    private void discard() {
        if (batch != null) {
            batch.release();
            batch = null;
        }
        promises.forEach(p -> p.tryFailure(new IllegalStateException("connection closed before the frame was sent")));
        promises.clear();
    }
}
