package org.kizuna.cot.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.kizuna.cot.CotDecodeException;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;

/**
 * Arbitrary bytes either become an event or a {@link CotDecodeException}; nothing else may escape.
 * An accepted event must also write out and read back as itself. Regression inputs live in
 * {@code src/test/resources/org/kizuna/cot/xml/CotXmlReaderFuzzTestInputs/readArbitraryBytes/};
 * fuzz with {@code JAZZER_FUZZ=1 mvn -pl kizuna-cot test -Dtest=CotXmlReaderFuzzTest}.
 */
class CotXmlReaderFuzzTest {

    private static final CotXmlReader READER = new CotXmlReader(CotLimits.DEFAULTS);
    /** Escaping can make the written event larger than the frame it came from. */
    private static final CotXmlReader ROOMY = new CotXmlReader(new CotLimits(16 * 64 * 1024, 32, 64, 512));

    @FuzzTest(maxDuration = "60s")
    void readArbitraryBytes(byte[] data) throws CotDecodeException {
        CotEvent event;
        try {
            event = READER.read(data);
        } catch (CotDecodeException refused) {
            return;
        }
        String written = CotXmlWriter.toXml(event);
        CotEvent again = ROOMY.read(CotXmlWriter.toBytes(event));
        assertThat(again).isEqualTo(event);
        assertThat(CotXmlWriter.toXml(again)).isEqualTo(written);
    }
}
