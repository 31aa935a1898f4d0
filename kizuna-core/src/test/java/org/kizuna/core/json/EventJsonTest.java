package org.kizuna.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kizuna.core.testing.Events;
import org.kizuna.cot.Attributes;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.detail.Track;

class EventJsonTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPositionCarriesWhatTheMapNeedsAndUnknownDetailVerbatim() throws Exception {
        CotEvent pli = Events.pli("U-1", "Kestrel \"21\"");
        CotEvent event = pli.withDetail(pli.detail().toBuilder().track(Track.of(4.5, 270))
                .unknown(List.of("<shape><ellipse major=\"10\" minor=\"5\" angle=\"0\"/></shape>")).build());

        JsonNode msg = JSON.readTree(EventJson.liveMessage(event));

        assertThat(msg.get("op").asText()).isEqualTo("event");
        JsonNode e = msg.get("event");
        assertThat(e.get("uid").asText()).isEqualTo("U-1");
        assertThat(e.get("callsign").asText()).isEqualTo("Kestrel \"21\"");
        assertThat(e.get("course").asDouble()).isEqualTo(270);
        assertThat(e.get("speed").asDouble()).isEqualTo(4.5);
        assertThat(e.get("detailXml").get(0).asText()).startsWith("<shape><ellipse");
        assertThat(msg.has("targets")).isFalse();
    }

    @Test
    void aDeleteNamesItsTargets() throws Exception {
        JsonNode msg = JSON.readTree(EventJson.liveMessage(Events.delete("M-1")));
        assertThat(msg.get("op").asText()).isEqualTo("delete");
        assertThat(msg.get("targets").get(0).asText()).isEqualTo("M-1");
        assertThat(msg.get("event").get("links").get(0).get("uid").asText()).isEqualTo("M-1");
    }

    @Test
    void linksWithPointsDescribeDrawnShapes() throws Exception {
        CotEvent line = Events.ofType("S-1", "u-d-f");
        line = line.withDetail(line.detail().toBuilder().links(List.of(
                new org.kizuna.cot.detail.Link(Attributes.of("point", "35.1,139.1")),
                new org.kizuna.cot.detail.Link(Attributes.of("point", "35.2,139.2")))).build());
        JsonNode e = JSON.readTree(EventJson.liveMessage(line)).get("event");
        assertThat(e.get("links")).extracting(n -> n.get("point").asText()).containsExactly("35.1,139.1", "35.2,139.2");
    }
}
