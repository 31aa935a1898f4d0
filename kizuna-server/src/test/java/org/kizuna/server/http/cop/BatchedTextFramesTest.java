package org.kizuna.server.http.cop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BatchedTextFramesTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new BatchedTextFrames());

    @Test
    void everyMessageWrittenBeforeAFlushGoesOutAsOneArrayFrame() {
        channel.write(json("{\"op\":\"event\",\"n\":1}"), channel.voidPromise());
        channel.write(json("{\"op\":\"event\",\"n\":2}"), channel.voidPromise());
        channel.write(json("{\"op\":\"chat\",\"n\":3}"), channel.voidPromise());
        assertThat((Object) channel.readOutbound()).as("nothing leaves before the flush").isNull();

        channel.flush();

        assertThat(text(channel.readOutbound()))
                .isEqualTo("[{\"op\":\"event\",\"n\":1},{\"op\":\"event\",\"n\":2},{\"op\":\"chat\",\"n\":3}]");
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void aSingleMessageIsStillAnArray() {
        channel.writeAndFlush(json("{\"op\":\"hello\"}"));

        assertThat(text(channel.readOutbound())).isEqualTo("[{\"op\":\"hello\"}]");
    }

    @Test
    void aFrameClosesEarlyWhenItReachesTheLimit() {
        String big = "{\"pad\":\"" + "x".repeat(20_000) + "\"}";
        int messages = 10; // about 200 KB: more than three frames' worth
        for (int i = 0; i < messages; i++) {
            channel.write(json(big), channel.voidPromise());
        }
        channel.flush();

        int frames = 0;
        int seen = 0;
        for (Object out; (out = channel.readOutbound()) != null; frames++) {
            String t = text(out);
            assertThat(t).startsWith("[").endsWith("]");
            assertThat(t.length()).isLessThan(BatchedTextFrames.MAX_FRAME_BYTES + big.length() + 2);
            seen += t.split("\\{\"pad\"", -1).length - 1;
        }
        assertThat(seen).isEqualTo(messages);
        assertThat(frames).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aControlFrameKeepsItsPlaceAfterTheMessagesBeforeIt() {
        channel.write(json("{\"n\":1}"), channel.voidPromise());
        channel.writeAndFlush(new CloseWebSocketFrame(1000, "bye"));

        assertThat(text(channel.readOutbound())).isEqualTo("[{\"n\":1}]");
        Object close = channel.readOutbound();
        assertThat(close).isInstanceOf(CloseWebSocketFrame.class);
        ((WebSocketFrame) close).release();
    }

    @Test
    void aWritersPromiseCompletesWhenItsFrameIsWritten() {
        ChannelFuture first = channel.write(json("{\"n\":1}"));
        ChannelFuture second = channel.write(json("{\"n\":2}"));
        assertThat(first.isDone()).isFalse();

        channel.flush();

        assertThat(first.isSuccess()).isTrue();
        assertThat(second.isSuccess()).isTrue();
        text(channel.readOutbound());
    }

    @Test
    void closingReleasesWhatWasNotSentAndFailsItsPromises() {
        var message = json("{\"n\":1}");
        ChannelFuture pending = channel.write(message);

        channel.close();

        assertThat(message.refCnt()).isZero();
        assertThat(pending.isDone()).isTrue();
        assertThat(pending.isSuccess()).isFalse();
    }

    private static io.netty.buffer.ByteBuf json(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static String text(Object out) {
        assertThat(out).isInstanceOf(TextWebSocketFrame.class);
        TextWebSocketFrame frame = (TextWebSocketFrame) out;
        try {
            return frame.text();
        } finally {
            frame.release();
        }
    }
}
