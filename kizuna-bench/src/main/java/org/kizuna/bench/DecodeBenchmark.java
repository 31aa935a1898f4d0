package org.kizuna.bench;

import java.util.concurrent.TimeUnit;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.detail.Contact;
import org.kizuna.cot.proto.DetailMemo;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.cot.xml.CotXmlReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one ATAK position report, XML and TAK protocol v1, on one thread (events per second
 * per core). The protobuf input is the same event encoded by our own codec; its {@code xmlDetail}
 * holds what has no typed message ({@code <uid Droid>} and a contact with a phone number).
 *
 * <p>Three protobuf cases: {@code protobufDecode} parses {@code xmlDetail} every time (no memo:
 * a sender's first message); {@code protobufDecodeSameSender} is one session's decoder seeing the
 * same fragment again, as from an ATAK client's position reports (the steady state);
 * {@code protobufDecodeChangingDetail} alternates two fragments through one memo, so it never
 * hits (the memo's worst case).
 *
 * <p>Run: {@code ./kizuna jmh DecodeBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {

    private CotXmlReader xmlReader;
    private TakProtoCodec protoCodec;
    private byte[] xml;
    private byte[] proto;
    private byte[] protoOtherPhone;
    private DetailMemo memo;
    private boolean flip;

    @Setup
    public void setUp() throws CotDecodeException {
        xmlReader = new CotXmlReader(CotLimits.DEFAULTS);
        protoCodec = new TakProtoCodec(CotLimits.DEFAULTS);
        xml = Fixtures.atakPli();
        CotEvent pli = xmlReader.read(xml);
        proto = protoCodec.encode(pli);
        protoOtherPhone = protoCodec.encode(pli.toBuilder().detail(pli.detail().toBuilder()
                .contact(new Contact(pli.detail().contact().attributes().with("phone", "+819011112222"))).build()).build());
        memo = new DetailMemo();
    }

    @Benchmark
    public CotEvent xmlDecode() throws CotDecodeException {
        return xmlReader.read(xml);
    }

    @Benchmark
    public CotEvent protobufDecode() throws CotDecodeException {
        return protoCodec.decode(proto);
    }

    @Benchmark
    public CotEvent protobufDecodeSameSender() throws CotDecodeException {
        return protoCodec.decode(proto, memo);
    }

    @Benchmark
    public CotEvent protobufDecodeChangingDetail() throws CotDecodeException {
        flip = !flip;
        return protoCodec.decode(flip ? proto : protoOtherPhone, memo);
    }
}
