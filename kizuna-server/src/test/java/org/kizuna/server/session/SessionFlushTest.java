package org.kizuna.server.session;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kizuna.core.identity.ClientIdentity;
import org.kizuna.core.identity.GroupMembership;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.server.ServerMetrics;
import static org.assertj.core.api.Assertions.assertThat;

/** Flush consolidation on a real (embedded) channel, its clock moved by hand. */
class SessionFlushTest {

    private final TakProtoCodec codec = new TakProtoCodec(CotLimits.DEFAULTS);

    /** Counts flushes on their way to the socket. */
    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        int flushes;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    }

    private Session session(EmbeddedChannel channel, Duration flushInterval) {
        return new Session(1, org.kizuna.core.identity.Recipient.unlabelled(ClientIdentity.certificate("alice", "00"),
                GroupMembership.ANONYMOUS), channel, 100,
                Duration.ofSeconds(30), new ServerMetrics(new SimpleMeterRegistry()), flushInterval);
    }

    private RoutedEvent position(String uid, String callsign) {
        return new RoutedEvent(Events.pli(uid, callsign), uid, codec);
    }

    private static List<String> written(EmbeddedChannel channel) {
        List<String> out = new ArrayList<>();
        for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
            out.add(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return out;
    }

    @Test
    void withinTheIntervalDeliveriesWaitAndLeaveInOneFlush() {
        FlushCounter counter = new FlushCounter();
        EmbeddedChannel channel = new EmbeddedChannel(counter);
        Session s = session(channel, Duration.ofMinutes(1));

        s.deliver(position("U1", "first"));
        channel.runPendingTasks();
        assertThat(written(channel)).singleElement().asString().contains("first"); // after a quiet interval: at once
        assertThat(counter.flushes).isEqualTo(1);

        s.deliver(position("U2", "second"));
        s.deliver(position("U3", "third"));
        channel.runPendingTasks();
        assertThat(written(channel)).isEmpty(); // within the interval: held back
        s.deliver(position("U2", "second, newer")); // still queued: coalesced as ever

        channel.advanceTimeBy(1, TimeUnit.MINUTES);
        channel.runScheduledPendingTasks();
        assertThat(written(channel)).hasSize(2).anySatisfy(b -> assertThat(b).contains("second, newer"))
                .anySatisfy(b -> assertThat(b).contains("third"));
        assertThat(counter.flushes).isEqualTo(2);

        channel.advanceTimeBy(1, TimeUnit.MINUTES); // a quiet interval: the next one leaves at once
        s.deliver(position("U4", "fourth"));
        channel.runPendingTasks();
        assertThat(written(channel)).singleElement().asString().contains("fourth");
        channel.close();
    }

    @Test
    void withoutAnIntervalEveryDrainFlushes() {
        FlushCounter counter = new FlushCounter();
        EmbeddedChannel channel = new EmbeddedChannel(counter);
        Session s = session(channel, Duration.ZERO);
        s.deliver(position("U1", "a"));
        channel.runPendingTasks();
        s.deliver(position("U2", "b"));
        channel.runPendingTasks();
        assertThat(written(channel)).hasSize(2);
        assertThat(counter.flushes).isEqualTo(2);
        channel.close();
    }
}
