package org.kizuna.bench.load;

import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;

/**
 * The load generator's stamp in every event it sends: {@code <kizunaLoad m="SOURCE.MICROS"/>} in
 * {@code <detail>}, where SOURCE is the sending client's index and MICROS its send time on the
 * run's clock.
 *
 * <p>Why a detail element and not the event time: CoT times carry milliseconds only, and a server
 * may legitimately rewrite them; an unknown detail element must travel verbatim (Kizuna keeps its
 * source text, the bare relay forwards bytes, and TAK protocol v1 carries it in {@code xmlDetail}
 * as the same UTF-8 bytes). So one byte scanner finds it in XML and protobuf streams alike, without
 * framing or parsing what arrives.
 */
final class Marker {

    /** What precedes the value; it has no proper prefix that is also a suffix, so a mismatch restarts simply. */
    static final byte[] PREFIX = "kizunaLoad m=\"".getBytes(StandardCharsets.US_ASCII);

    private Marker() {
    }

    /** The detail element for a message from {@code source} sent at {@code sentMicros}. */
    static String element(int source, long sentMicros) {
        return "<kizunaLoad m=\"" + source + '.' + sentMicros + "\"/>";
    }

    /** Receives the stamps found in a stream. */
    interface Sink {
        void stamp(int source, long sentMicros);
    }

    /**
     * Finds stamps in a byte stream, one byte at a time, across any split of the stream into
     * buffers. Not thread-safe: one per connection, used on its event loop.
     */
    static final class Scanner implements ByteProcessor {

        private final Sink sink;
        private int matched;
        private boolean inSecondField;
        private long source;
        private long micros;

        Scanner(Sink sink) {
            this.sink = sink;
        }

        @Override
        public boolean process(byte b) {
            if (matched < PREFIX.length) {
                matched = b == PREFIX[matched] ? matched + 1 : (b == PREFIX[0] ? 1 : 0);
                return true;
            }
            if (b >= '0' && b <= '9') {
                if (inSecondField) {
                    micros = micros * 10 + (b - '0');
                } else {
                    source = source * 10 + (b - '0');
                }
            } else if (b == '.' && !inSecondField) {
                inSecondField = true;
            } else {
                if (b == '"' && inSecondField && source <= Integer.MAX_VALUE) {
                    sink.stamp((int) source, micros);
                }
                reset();
            }
            return true;
        }

        private void reset() {
            matched = 0;
            inSecondField = false;
            source = 0;
            micros = 0;
        }
    }
}
