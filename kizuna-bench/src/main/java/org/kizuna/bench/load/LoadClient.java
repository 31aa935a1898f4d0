package org.kizuna.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.kizuna.core.routing.WireFormat;

/**
 * One simulated TAK client: after the TLS handshake (and, for protobuf, the {@code t-x-takp}
 * negotiation) it sends position reports and chat at its rates, and counts and times every
 * stamped message it receives. All state is touched on the connection's event loop only.
 */
final class LoadClient extends ChannelInboundHandlerAdapter implements Marker.Sink {

    private final int index;
    private final boolean slow;
    private final LoadRun run;
    private final Marker.Scanner scanner = new Marker.Scanner(this);
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final long[] sent;
    private final long[] received;
    private ProtocolSwitch negotiation;
    private ChannelHandlerContext ctx;
    private LoopStats stats;
    private boolean isReady;
    private boolean disconnected;
    private long echoes;
    private String error;

    LoadClient(int index, boolean slow, LoadRun run) {
        this.index = index;
        this.slow = slow;
        this.run = run;
        int phases = run.clock().phases().size();
        this.sent = new long[phases];
        this.received = new long[phases];
    }

    /** Completes when the client may send; fails when the connection could not get there. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        this.stats = run.statsFor(context.executor());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                fail("TLS handshake: " + done.cause());
            } else if (run.format() == WireFormat.PROTOBUF) {
                negotiation = new ProtocolSwitch(LoadMessages.uid(index));
            } else {
                becomeReady();
            }
        }
        super.userEventTriggered(context, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (negotiation != null) {
                negotiate(buf);
            } else if (isReady) {
                buf.forEachByte(scanner);
            }
        } finally {
            buf.release();
        }
    }

    private void negotiate(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        ProtocolSwitch.Step step = negotiation.feed(bytes, ctx);
        if (step == ProtocolSwitch.Step.REFUSED) {
            fail("the server refused TAK protocol v1");
        } else if (step == ProtocolSwitch.Step.SWITCHED) {
            int rest = negotiation.consumed();
            negotiation = null;
            becomeReady();
            for (int i = rest; i < bytes.length; i++) {
                scanner.process(bytes[i]);
            }
        }
    }

    private void becomeReady() {
        isReady = true;
        ready.complete(null);
        if (run.spec().rate() > 0) {
            new Ticker(false, run.spec().rate()).start();
        }
        if (run.spec().chatRate() > 0) {
            new Ticker(true, run.spec().chatRate()).start();
        }
    }

    @Override
    public void stamp(int source, long sentMicros) {
        if (source == index) {
            echoes++;
            return;
        }
        int phase = run.clock().phaseOf(sentMicros);
        if (phase < 0) {
            return;
        }
        received[phase]++;
        if (!slow) {
            stats.record(phase, run.clock().nowMicros() - sentMicros);
        }
    }

    /** Stops reading for good: the socket buffers fill and the server sees a slow consumer. */
    void stopReading() {
        ctx.executor().execute(() -> ctx.channel().config().setAutoRead(false));
    }

    /** Copies the counters on the client's own loop. */
    CompletableFuture<ClientTally> tally() {
        CompletableFuture<ClientTally> result = new CompletableFuture<>();
        ctx.executor().execute(() -> result.complete(new ClientTally(index, isReady, slow, disconnected,
                sent.clone(), received.clone(), echoes, error)));
        return result;
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        if (!run.isClosing()) {
            disconnected = true;
        }
        fail("connection closed");
        super.channelInactive(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        fail(String.valueOf(cause));
        context.close();
    }

    private void fail(String why) {
        if (error == null && !run.isClosing()) {
            error = why;
        }
        ready.completeExceptionally(new IllegalStateException("client " + index + ": " + why));
    }

    /**
     * Sends one kind of message at a steady rate (times the phase's factor), keeping to its
     * schedule rather than drifting; a loop that fell behind skips what it missed instead of
     * sending a backlog in one go.
     */
    private final class Ticker {
        private final boolean chat;
        private final double rate;
        private long nextAtNanos;

        Ticker(boolean chat, double rate) {
            this.chat = chat;
            this.rate = rate;
        }

        void start() {
            // A random phase offset: clients connected in one burst must not send in lockstep.
            long firstDelay = (long) (run.random().nextDouble() * 1e9 / rate);
            nextAtNanos = System.nanoTime() + firstDelay;
            ctx.executor().schedule(this::tick, firstDelay, TimeUnit.NANOSECONDS);
        }

        private void tick() {
            if (!ctx.channel().isActive() || run.isClosing()) {
                return;
            }
            long nowMicros = run.clock().nowMicros();
            double factor = run.clock().rateFactorAt(nowMicros);
            if (factor == 0) {
                return; // every phase is over
            }
            Instant now = Instant.now();
            byte[] bytes = chat ? run.messages().chat(index, nowMicros, now)
                    : run.messages().positionReport(index, nowMicros, now);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes), ctx.voidPromise());
            int phase = run.clock().phaseOf(nowMicros);
            if (phase >= 0) {
                sent[phase]++;
            }
            long period = (long) (1e9 / (rate * factor));
            long nowNanos = System.nanoTime();
            nextAtNanos = Math.max(nextAtNanos + period, nowNanos - period);
            ctx.executor().schedule(this::tick, Math.max(0, nextAtNanos - nowNanos), TimeUnit.NANOSECONDS);
        }
    }
}
