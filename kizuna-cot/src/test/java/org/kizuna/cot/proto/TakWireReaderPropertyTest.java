package org.kizuna.cot.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.kizuna.cot.CotArbitraries;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotDecodeException.BadProtobufException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.wire.TakProtocol;
import org.kizuna.cot.proto.wire.TakProtocol.TakMessage;

/**
 * The hand-written reader against the generated parser, which is the oracle: for valid, merged,
 * mutated and random bytes, both give the same event or both refuse.
 */
class TakWireReaderPropertyTest {

    private final TakProtoCodec codec = new TakProtoCodec(CotLimits.DEFAULTS);

    @Property(tries = 1000)
    void validMessagesDecodeAsTheGeneratedParserReadsThem(@ForAll("events") CotEvent event) {
        assertSameOutcome(codec.encode(event));
    }

    @Property(tries = 500)
    void twoMessagesInOneBufferMergeAsProtobufSays(@ForAll("events") CotEvent first, @ForAll("events") CotEvent second) {
        byte[] a = codec.encode(first);
        byte[] b = codec.encode(second);
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertSameOutcome(both);
    }

    @Property(tries = 2000)
    void mutatedMessagesAreAcceptedOrRefusedAlike(@ForAll("events") CotEvent event,
                                                  @ForAll @Size(min = 1, max = 4) java.util.List<@IntRange(max = 1 << 20) Integer> positions,
                                                  @ForAll @Size(min = 1, max = 4) java.util.List<Byte> values) {
        byte[] bytes = codec.encode(event);
        for (int i = 0; i < positions.size(); i++) {
            bytes[positions.get(i) % bytes.length] = values.get(i % values.size());
        }
        assertSameOutcome(bytes);
    }

    @Property(tries = 1000)
    void truncatedMessagesAreRefusedAlike(@ForAll("events") CotEvent event, @ForAll @IntRange(min = 1, max = 10_000) int cut) {
        byte[] bytes = codec.encode(event);
        assertSameOutcome(Arrays.copyOf(bytes, Math.max(0, bytes.length - cut % bytes.length)));
    }

    @Property(tries = 2000)
    void randomBytesAreRefusedOrReadAlike(@ForAll @Size(max = 200) byte[] bytes) {
        assertSameOutcome(bytes);
    }

    @Test
    void aTypedPartRepeatedInLaterDetailMergesFieldByField() {
        TakProtocol.CotEvent.Builder first = base().setDetail(TakProtocol.Detail.newBuilder()
                .setContact(TakProtocol.Contact.newBuilder().setCallsign("HERON-3").setEndpoint("*:-1:stcp"))
                .setXmlDetail("<uid Droid='HERON-3'/>"));
        TakProtocol.CotEvent.Builder second = TakProtocol.CotEvent.newBuilder().setDetail(TakProtocol.Detail.newBuilder()
                .setContact(TakProtocol.Contact.newBuilder().setCallsign("HERON-4")));
        byte[] a = TakMessage.newBuilder().setCotEvent(first).build().toByteArray();
        byte[] b = TakMessage.newBuilder().setCotEvent(second).build().toByteArray();
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);

        Outcome outcome = assertSameOutcome(both);
        assertThat(outcome.event().detail().contact().attributes().getOrNull("callsign")).isEqualTo("HERON-4");
        assertThat(outcome.event().detail().contact().attributes().getOrNull("endpoint")).isEqualTo("*:-1:stcp");
        assertThat(outcome.event().detail().droid()).isNotNull();
    }

    @Test
    void aTakControlWithBrokenUtf8IsRefusedLikeTheGeneratedParserDoes() {
        byte[] control = {0x0a, 0x03, 0x1a, 0x01, (byte) 0xff};
        byte[] event = TakMessage.newBuilder().setCotEvent(base()).build().toByteArray();
        byte[] both = Arrays.copyOf(control, control.length + event.length);
        System.arraycopy(event, 0, both, control.length, event.length);
        assertThat(assertSameOutcome(both).refusal()).isEqualTo(BadProtobufException.class);
    }

    private static TakProtocol.CotEvent.Builder base() {
        return TakProtocol.CotEvent.newBuilder().setType("a-f-G").setUid("IOS-1").setHow("m-g")
                .setSendTime(1_795_000_000_000L).setStartTime(1_795_000_000_000L).setStaleTime(1_795_000_060_000L);
    }

    record Outcome(CotEvent event, Class<?> refusal) {
    }

    private Outcome assertSameOutcome(byte[] bytes) {
        Outcome expected = oracle(bytes);
        Outcome actual;
        try {
            actual = new Outcome(codec.decode(bytes), null);
        } catch (CotDecodeException e) {
            actual = new Outcome(null, e.getClass());
        }
        assertThat(actual).isEqualTo(expected);
        return actual;
    }

    private Outcome oracle(byte[] bytes) {
        try {
            return new Outcome(codec.fromProto(TakMessage.parseFrom(bytes)), null);
        } catch (InvalidProtocolBufferException e) {
            return new Outcome(null, BadProtobufException.class);
        } catch (CotDecodeException e) {
            return new Outcome(null, e.getClass());
        }
    }

    @Provide
    Arbitrary<CotEvent> events() {
        return CotArbitraries.events();
    }
}
