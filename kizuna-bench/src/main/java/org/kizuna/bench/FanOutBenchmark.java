package org.kizuna.bench;

import java.util.concurrent.TimeUnit;
import org.kizuna.core.routing.RoutedEvent;
import org.kizuna.core.routing.WireFormat;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.proto.TakStreamFramer;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.cot.xml.CotXmlWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Fanning one event out to N recipients, half on XML and half on protobuf: Kizuna's
 * encode-once {@link RoutedEvent} against the baseline of encoding per recipient, in the same run.
 * Report the ratio {@code encodeOnce / encodePerRecipient}.
 *
 * <p>Run: {@code ./kizuna jmh FanOutBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanOutBenchmark {

    @Param({"10", "100", "1000"})
    public int recipients;

    private TakProtoCodec protoCodec;
    private CotEvent event;

    @Setup
    public void setUp() throws CotDecodeException {
        protoCodec = new TakProtoCodec(CotLimits.DEFAULTS);
        event = new CotXmlReader(CotLimits.DEFAULTS).read(Fixtures.atakPli());
    }

    /** Kizuna: one RoutedEvent, each wire format encoded at most once, shared by every recipient. */
    @Benchmark
    public void encodeOnce(Blackhole sink) {
        RoutedEvent delivery = new RoutedEvent(event, event.uid(), protoCodec);
        for (int i = 0; i < recipients; i++) {
            sink.consume(delivery.bytes(i % 2 == 0 ? WireFormat.XML : WireFormat.PROTOBUF));
        }
    }

    /** Baseline: what a server without a shared encoding does, one encoding per recipient. */
    @Benchmark
    public void encodePerRecipient(Blackhole sink) {
        for (int i = 0; i < recipients; i++) {
            sink.consume(i % 2 == 0 ? CotXmlWriter.toBytes(event) : TakStreamFramer.frame(protoCodec.encode(event)));
        }
    }
}
