package org.kizuna.federation.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.core.federation.PartnerRelease;
import org.kizuna.core.federation.ReleaseStamp;
import org.kizuna.cot.CotEvent;
import org.kizuna.cot.CotLimits;
import org.kizuna.cot.Point;
import org.kizuna.cot.proto.TakProtoCodec;
import org.kizuna.federation.FederationMetrics;
import org.kizuna.federation.Partner;
import org.kizuna.federation.wire.FederationProtocol.AlternativeLabel;
import org.kizuna.federation.wire.FederationProtocol.EventEnvelope;
import org.kizuna.federation.wire.FederationProtocol.Frame;
import org.kizuna.federation.wire.FederationProtocol.Retraction;

/**
 * The send-time check without a network: which frames it asks the guard about, what a withdrawal
 * leaves in the log and the journal, and how a restored frame's stamp is rebuilt (or, when it
 * cannot be, withdrawn without asking).
 */
class ReleaseAtSendTest {

    private static final TakProtoCodec CODEC = new TakProtoCodec(CotLimits.DEFAULTS);

    @TempDir
    Path dir;
    private final FederationMetrics metrics = new FederationMetrics(new SimpleMeterRegistry());
    private final List<ReleaseStamp> asked = new ArrayList<>();

    private Partner usa() throws IOException {
        return Partner.open("usa-1", "USA", "usa-1", Files.writeString(dir.resolve("usa-ca.pem"), "not read here"), null);
    }

    private LinkJournal journal() throws IOException {
        return LinkJournal.open(dir.resolve("journal"), Duration.ZERO, LinkJournal.SEGMENT_BYTES, n -> {
        });
    }

    /** A guard that records what it is asked and answers no for markers. */
    private PartnerRelease noMarkers() {
        return new PartnerRelease() {
            @Override
            public org.kizuna.core.federation.Release decide(org.kizuna.core.routing.RoutedEvent routed,
                                                             org.kizuna.core.federation.PartnerEdge partner) {
                throw new AssertionError("decided when queued, not here");
            }

            @Override
            public boolean stillReleasable(ReleaseStamp stamp, org.kizuna.core.federation.PartnerEdge partner) {
                asked.add(stamp);
                return !stamp.type().value().startsWith("b-m");
            }
        };
    }

    private static Frame event(long seq, String uid, byte[] tak) {
        return Frame.newBuilder().setEvent(EventEnvelope.newBuilder().setSequence(seq).setOriginNode("jpn-1")
                .setOriginUid(uid).setDurable(true).setOriginatorLabel(ByteString.copyFromUtf8("label of " + uid))
                .addAlternativeLabels(AlternativeLabel.newBuilder().setPolicyId("USA")
                        .setLabel(ByteString.copyFromUtf8("usa label")))
                .setTakMessage(ByteString.copyFrom(tak))).build();
    }

    private static byte[] tak(String uid, String type) {
        Instant now = Instant.now();
        return CODEC.encode(CotEvent.builder(uid, type).times(now, now.plusSeconds(60)).point(Point.of(35.6, 139.7)).build());
    }

    private static Frame retraction(long seq) {
        return Frame.newBuilder().setRetraction(Retraction.newBuilder().setSequence(seq).setOriginNode("jpn-1")
                .setOriginUid("gone").setReason("test")).build();
    }

    private static List<Long> sequences(OutboundLog log) {
        List<Long> out = new ArrayList<>();
        for (OutboundLog.Entry e = log.after(0); e != null; e = log.after(e.sequence())) {
            out.add(e.sequence());
        }
        return out;
    }

    @Test
    void aRestoredFrameIsStampedFromItsOwnBytesAndAWithdrawalOutlivesTheNextRestart() throws IOException {
        try (LinkJournal j = journal()) {
            OutboundLog log = new OutboundLog(100, j);
            log.append(null, s -> event(s, "CHAT-1", tak("CHAT-1", "b-t-f")), stamp("b-t-f", "coarse"));
            log.append(null, s -> event(s, "M-1", tak("M-1", "b-m-p-s-m")), stamp("b-m-p-s-m", ""));
            log.append(null, ReleaseAtSendTest::retraction);
        }
        try (LinkJournal j = journal()) {
            OutboundLog log = new OutboundLog(100, j);
            ReleaseAtSend check = new ReleaseAtSend(usa(), noMarkers(), metrics, log);
            OutboundLog.Entry chat = log.after(0);
            assertThat(chat.stamp().isRestored()).isTrue();
            assertThat(chat.stamp().shaping()).as("kept in the journal").isEqualTo("coarse");
            assertThat(chat.stamp().travelled().originator()).asString().isEqualTo("label of CHAT-1");
            assertThat(chat.stamp().travelled().alternatives()).containsOnlyKeys("USA");
            assertThat(chat.stamp().lat()).isEqualTo(35.6);
            assertThat(check.mayGo(chat)).isTrue();
            OutboundLog.Entry marker = log.after(chat.sequence());
            assertThat(check.mayGo(marker)).isFalse();
            OutboundLog.Entry retraction = log.after(chat.sequence());
            assertThat(retraction.frame().hasRetraction()).as("the marker is gone from the log").isTrue();
            assertThat(check.mayGo(retraction)).isTrue();
            assertThat(asked).extracting(s -> s.type().value()).containsExactly("b-t-f", "b-m-p-s-m");
            assertThat(metrics.count("kizuna.federation.outbound.dropped", "usa-1", "release-withdrawn")).isEqualTo(1);
        }
        try (LinkJournal j = journal()) {
            OutboundLog log = new OutboundLog(100, j);
            assertThat(sequences(log)).as("the withdrawal was journalled: a gap where the marker was")
                    .containsExactly(1L, 3L);
        }
    }

    @Test
    void aRestoredFrameWhoseStampCannotBeRebuiltIsWithdrawnWithoutAsking() throws IOException {
        try (LinkJournal j = journal()) {
            j.reserve(100);
            j.frame(1, event(1, "BROKEN", new byte[] {(byte) 0xff, 1, 2}), "");
            j.frame(2, event(2, "CHAT-2", tak("CHAT-2", "b-t-f")), "");
        }
        try (LinkJournal j = journal()) {
            OutboundLog log = new OutboundLog(100, j);
            ReleaseAtSend check = new ReleaseAtSend(usa(), noMarkers(), metrics, log);
            OutboundLog.Entry broken = log.after(0);
            assertThat(broken.stamp()).isNull();
            assertThat(check.mayGo(broken)).isFalse();
            assertThat(asked).isEmpty();
            assertThat(check.mayGo(log.after(0))).isTrue();
            assertThat(metrics.count("kizuna.federation.outbound.dropped", "usa-1", "release-withdrawn")).isEqualTo(1);
            assertThat(sequences(log)).containsExactly(2L);
        }
    }

    @Test
    void anEventJournalledWithoutAShapingIsRestoredWithAnUnknownOne() throws IOException {
        try (LinkJournal j = journal()) {
            j.frame(1, event(1, "M-1", tak("M-1", "b-m-p-s-m")), null); // as an older journal wrote it
        }
        try (LinkJournal j = journal()) {
            ReleaseStamp stamp = new OutboundLog(100, j).after(0).stamp();
            assertThat(stamp.isRestored()).isTrue();
            assertThat(stamp.shaping()).as("the guard decides what an unknown shaping means").isNull();
        }
    }

    @Test
    void aGuardThatFailsWithdrawsTheFrame() throws IOException {
        OutboundLog log = new OutboundLog(10);
        log.append(null, s -> event(s, "M-1", tak("M-1", "b-m-p-s-m")), stamp("b-m-p-s-m", ""));
        PartnerRelease failing = new PartnerRelease() {
            @Override
            public org.kizuna.core.federation.Release decide(org.kizuna.core.routing.RoutedEvent routed,
                                                             org.kizuna.core.federation.PartnerEdge partner) {
                throw new AssertionError("not asked here");
            }

            @Override
            public boolean stillReleasable(ReleaseStamp stamp, org.kizuna.core.federation.PartnerEdge partner) {
                throw new IllegalStateException("guard broken");
            }
        };
        assertThat(new ReleaseAtSend(usa(), failing, metrics, log).mayGo(log.after(0))).isFalse();
        assertThat(log.size()).isZero();
    }

    @Test
    void aWithdrawnPositionLeavesNoIndexBehind() {
        OutboundLog log = new OutboundLog(10);
        log.append("jpn-1:P-3C", s -> event(s, "P-3C", tak("P-3C", "a-f-A")), stamp("a-f-A", ""));
        log.withdraw(log.after(0));
        assertThat(log.size()).isZero();
        assertThat(log.append("jpn-1:P-3C", s -> event(s, "P-3C", tak("P-3C", "a-f-A")), stamp("a-f-A", "")))
                .as("nothing queued to coalesce with").isEqualTo(OutboundLog.Append.APPENDED);
        OutboundLog.Entry stale = new OutboundLog.Entry(2, "jpn-1:P-3C", retraction(2), null);
        log.withdraw(stale);
        assertThat(log.size()).as("only the queued entry itself is withdrawn").isEqualTo(1);
    }

    private static ReleaseStamp stamp(String type, String shaping) {
        Instant now = Instant.now();
        return ReleaseStamp.of(CotEvent.builder("x", type).times(now, now.plusSeconds(60)).point(Point.of(35.6, 139.7))
                .build(), "key", shaping);
    }
}
