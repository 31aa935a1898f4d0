package org.kizuna.cot.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.xml.CotXmlReader;
import org.kizuna.cot.xml.CotXmlWriter;

/**
 * Arbitrary bytes either become an event or a {@link CotDecodeException}; nothing else may escape.
 * An accepted event must survive protobuf again and XML. Regression inputs live in
 * {@code src/test/resources/org/kizuna/cot/proto/TakProtoCodecFuzzTestInputs/decodeArbitraryBytes/};
 * fuzz with {@code JAZZER_FUZZ=1 mvn -pl kizuna-cot test -Dtest=TakProtoCodecFuzzTest}.
 */
class TakProtoCodecFuzzTest {

    private static final TakProtoCodec CODEC = new TakProtoCodec(CotLimits.DEFAULTS);
    // Re-encoding escapes text and may move typed elements into xmlDetail: allow for the growth.
    private static final CotLimits ROOMY_LIMITS = new CotLimits(16 * 64 * 1024, 32, 64, 1024);
    private static final TakProtoCodec ROOMY = new TakProtoCodec(ROOMY_LIMITS);
    private static final CotXmlReader XML = new CotXmlReader(ROOMY_LIMITS);

    @FuzzTest(maxDuration = "60s")
    void decodeArbitraryBytes(byte[] data) throws CotDecodeException {
        CotEvent event;
        try {
            event = CODEC.decode(data);
        } catch (CotDecodeException refused) {
            return;
        }
        assertThat(ROOMY.decode(CODEC.encode(event))).isEqualTo(event);
        assertThat(XML.read(CotXmlWriter.toBytes(event))).isEqualTo(event);
    }
}
