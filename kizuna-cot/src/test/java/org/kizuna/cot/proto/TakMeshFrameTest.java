package org.kizuna.cot.proto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.kizuna.cot.CotDecodeException.BadProtobufException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TakMeshFrameTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void wrapsWithMagicVersionMagic() {
        assertThat(HEX.formatHex(TakMeshFrame.wrap(HEX.parseHex("0a0141")))).isEqualTo("bf01bf0a0141");
        assertThat(HEX.formatHex(TakMeshFrame.wrap(new byte[0]))).isEqualTo("bf01bf");
    }

    @Test
    void unwrapGivesBackThePayload() throws Exception {
        byte[] payload = HEX.parseHex("0a0141ff00");

        assertThat(TakMeshFrame.unwrap(TakMeshFrame.wrap(payload))).isEqualTo(payload);
        assertThat(TakMeshFrame.unwrap(HEX.parseHex("bf01bf"))).isEmpty();
    }

    @Test
    void acceptsANonMinimalVersionVarint() throws Exception {
        assertThat(TakMeshFrame.unwrap(HEX.parseHex("bf8100bf41"))).isEqualTo(HEX.parseHex("41"));
    }

    @Test
    void xmlIsRecognisedAndRefusedByUnwrap() {
        byte[] xml = "<event uid=\"x\"/>".getBytes(UTF_8);

        assertThat(TakMeshFrame.isXml(xml)).isTrue();
        assertThat(TakMeshFrame.isXml(TakMeshFrame.wrap(xml))).isFalse();
        assertThat(TakMeshFrame.isXml(new byte[0])).isFalse();
        assertThatThrownBy(() -> TakMeshFrame.unwrap(xml))
                .isInstanceOf(BadProtobufException.class)
                .hasMessageContaining("XML");
    }

    @ParameterizedTest
    @CsvSource({
        "'',             magic",
        "0a01bf41,       magic",
        "bf,             ends inside",
        "bf81,           ends inside",
        "bf02bf41,       version 2",
        "bf00bf41,       version 0",
        "bf01,           lacks the 0xbf",
        "bf0141,         lacks the 0xbf",
        "bf808080808001, varint"})
    void malformedHeadersAreBadProtobuf(String hex, String message) {
        byte[] datagram = HEX.parseHex(hex);

        assertThatThrownBy(() -> TakMeshFrame.unwrap(datagram))
                .isInstanceOf(BadProtobufException.class)
                .hasMessageContaining(message);
    }
}
