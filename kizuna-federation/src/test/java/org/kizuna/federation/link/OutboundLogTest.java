package org.kizuna.federation.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kizuna.federation.wire.FederationProtocol.Frame;
import org.kizuna.federation.wire.FederationProtocol.Heartbeat;

class OutboundLogTest {

    private static Frame frame(long seq) {
        return Frame.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSentAtMillis(seq)).build();
    }

    private static List<Long> sequencesAfter(OutboundLog log, long from) {
        List<Long> seqs = new ArrayList<>();
        for (OutboundLog.Entry e = log.after(from); e != null; e = log.after(e.sequence())) {
            seqs.add(e.sequence());
        }
        return seqs;
    }

    @Test
    void durableFramesStayInOrderUntilAcknowledged() {
        OutboundLog log = new OutboundLog(10);
        for (int i = 0; i < 5; i++) {
            assertThat(log.append(null, OutboundLogTest::frame)).isEqualTo(OutboundLog.Append.APPENDED);
        }
        assertThat(sequencesAfter(log, 0)).containsExactly(1L, 2L, 3L, 4L, 5L);
        log.acknowledge(3);
        assertThat(sequencesAfter(log, 0)).containsExactly(4L, 5L);
        log.acknowledge(2); // an older acknowledgement changes nothing
        assertThat(log.size()).isEqualTo(2);
    }

    @Test
    void aNewerPositionReplacesTheQueuedOneEvenAfterItWasSent() {
        OutboundLog log = new OutboundLog(10);
        log.append("jpn-1:P-3C", OutboundLogTest::frame); // 1, sent but not acknowledged
        log.append(null, OutboundLogTest::frame);         // 2 chat
        assertThat(log.append("jpn-1:P-3C", OutboundLogTest::frame)).isEqualTo(OutboundLog.Append.COALESCED); // 3
        assertThat(sequencesAfter(log, 0)).containsExactly(2L, 3L);
        // After a cut at sequence 1, the partner gets the chat and the latest position only.
        assertThat(sequencesAfter(log, 1)).containsExactly(2L, 3L);
    }

    @Test
    void whenFullTheOldestPositionMakesRoomAndDurableFramesAreNeverEvicted() {
        OutboundLog log = new OutboundLog(3);
        log.append("a", OutboundLogTest::frame);
        log.append(null, OutboundLogTest::frame);
        log.append("b", OutboundLogTest::frame);
        assertThat(log.append("c", OutboundLogTest::frame)).isEqualTo(OutboundLog.Append.EVICTED);
        assertThat(sequencesAfter(log, 0)).containsExactly(2L, 3L, 4L);
        assertThat(log.append(null, OutboundLogTest::frame)).isEqualTo(OutboundLog.Append.FULL);
        OutboundLog durable = new OutboundLog(2);
        durable.append(null, OutboundLogTest::frame);
        durable.append(null, OutboundLogTest::frame);
        assertThat(durable.append("a", OutboundLogTest::frame)).isEqualTo(OutboundLog.Append.FULL);
        assertThat(sequencesAfter(durable, 0)).containsExactly(1L, 2L);
    }

    @Test
    void eachLogHasItsOwnNonZeroEpoch() {
        assertThat(new OutboundLog(1).epoch()).isNotZero().isNotEqualTo(new OutboundLog(1).epoch());
    }
}
