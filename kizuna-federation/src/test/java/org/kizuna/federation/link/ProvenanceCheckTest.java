package org.kizuna.federation.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kizuna.core.federation.InboundLabelling;
import org.kizuna.core.identity.Group;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.federation.FederationMetrics;
import org.kizuna.federation.Partner;
import org.kizuna.federation.wire.FederationProtocol.ErrorCode;

/** What a partner may claim about where an event comes from (we are usa-1; the partner is jpn-1). */
class ProvenanceCheckTest {

    private static InboundEvents inbound(int acceptRelayHops) {
        Partner jpn = new Partner("jpn-1", "JPN", "JPN", "jpn", Path.of("ca.pem"), null, Set.of(Group.ANONYMOUS),
                Set.of(Group.ANONYMOUS), acceptRelayHops);
        return InboundEvents.factory("usa-1", new TakProtoCodec(CotLimits.DEFAULTS), InboundLabelling.ACCEPT_ALL,
                (e, g, p) -> null, new FederationMetrics(new SimpleMeterRegistry()), Clock.systemUTC()).create(jpn);
    }

    @Test
    void thePartnersOwnEventsAreBelieved() {
        assertThat(inbound(0).checkProvenance("jpn-1", List.of("jpn-1"), 0)).isNull();
    }

    @Test
    void nothingMayClaimToComeFromUsOrToHavePassedThroughUs() {
        assertThat(inbound(0).checkProvenance("usa-1", List.of("usa-1", "jpn-1"), 1)).isEqualTo(ErrorCode.ORIGIN_SELF);
        assertThat(inbound(5).checkProvenance("aus-1", List.of("aus-1", "usa-1", "jpn-1"), 2)).isEqualTo(ErrorCode.LOOP);
    }

    @Test
    void aThirdNodesEventNeedsARelayAgreementAndABelievablePath() {
        assertThat(inbound(0).checkProvenance("aus-1", List.of("aus-1", "jpn-1"), 1)).isEqualTo(ErrorCode.RELAY_REFUSED);
        assertThat(inbound(1).checkProvenance("aus-1", List.of("aus-1", "jpn-1"), 1)).isNull();
        assertThat(inbound(1).checkProvenance("aus-1", List.of("ind-1", "aus-1", "jpn-1"), 2))
                .isEqualTo(ErrorCode.PROTOCOL_VIOLATION);
        // Claiming a third origin without a path through it, or a path that does not end at the partner:
        assertThat(inbound(1).checkProvenance("aus-1", List.of("jpn-1"), 0)).isEqualTo(ErrorCode.PROTOCOL_VIOLATION);
        assertThat(inbound(1).checkProvenance("jpn-1", List.of("jpn-1", "aus-1"), 1))
                .isEqualTo(ErrorCode.PROTOCOL_VIOLATION);
    }
}
