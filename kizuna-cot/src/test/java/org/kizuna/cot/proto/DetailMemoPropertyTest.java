package org.kizuna.cot.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotDecodeException.MalformedXmlException;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.wire.TakProtocol;
import org.kizuna.cot.proto.wire.TakProtocol.TakMessage;

/** Remembering a sender's last xmlDetail never changes what a message decodes to. */
class DetailMemoPropertyTest {

    private static final List<String> FRAGMENTS = List.of(
            "",
            "<uid Droid='HERON-3'/>",
            "<uid Droid='HERON-4'/>",
            "<contact callsign='HERON-3' phone='+81900'/><uid Droid='HERON-3'/>",
            "<contact callsign='HERON-3' phone='+81901'/><uid Droid='HERON-3'/>",
            "<track course='1' speed='2'/><vendor x='1'><inner/></vendor>",
            "<remarks>on station</remarks><link uid='x' relation='p-p'/>");

    private final TakProtoCodec codec = new TakProtoCodec(CotLimits.DEFAULTS);

    @Property(tries = 300)
    void aSequenceDecodesTheSameWithAndWithoutTheMemo(@ForAll("messages") List<byte[]> sequence)
            throws CotDecodeException {
        DetailMemo memo = new DetailMemo();
        for (byte[] message : sequence) {
            assertThat(codec.decode(message, memo)).isEqualTo(codec.decode(message));
        }
    }

    @Test
    void aBadFragmentAfterAGoodOneIsStillRefusedAndTheNextGoodOneStillDecodes() throws CotDecodeException {
        DetailMemo memo = new DetailMemo();
        byte[] good = message(FRAGMENTS.get(3), "HERON-3");
        codec.decode(good, memo);
        assertThatThrownBy(() -> codec.decode(message("<uid Droid='HERON-3'>", "HERON-3"), memo))
                .isInstanceOf(MalformedXmlException.class);
        assertThat(codec.decode(good, memo)).isEqualTo(codec.decode(good));
    }

    @Provide
    Arbitrary<List<byte[]>> messages() {
        Arbitrary<byte[]> one = Arbitraries.of(FRAGMENTS).flatMap(fragment ->
                Arbitraries.of("HERON-3", "OSPREY-1").map(callsign -> message(fragment, callsign)));
        return one.list().ofMinSize(1).ofMaxSize(12);
    }

    /** A typed contact (which wins over one in xmlDetail) and the fragment as xmlDetail. */
    private static byte[] message(String fragment, String callsign) {
        TakProtocol.Detail.Builder detail = TakProtocol.Detail.newBuilder()
                .setContact(TakProtocol.Contact.newBuilder().setCallsign(callsign))
                .setXmlDetail(fragment);
        TakProtocol.CotEvent.Builder e = TakProtocol.CotEvent.newBuilder().setType("a-f-G").setUid("IOS-1")
                .setHow("m-g").setSendTime(1_795_000_000_000L).setStartTime(1_795_000_000_000L)
                .setStaleTime(1_795_000_060_000L).setLat(35).setLon(139).setDetail(detail);
        return TakMessage.newBuilder().setCotEvent(e).build().toByteArray();
    }
}
