package org.kizuna.federation.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.federation.wire.FederationProtocol.Frame;
import org.kizuna.federation.wire.FederationProtocol.Retraction;

/** The journal's file format and recovery: what a killed or damaged node finds at its next start. */
class LinkJournalTest {

    @TempDir
    Path dir;
    private final AtomicInteger damaged = new AtomicInteger();

    private LinkJournal open(long segmentBytes) throws IOException {
        return LinkJournal.open(dir, Duration.ofMillis(10), segmentBytes, damaged::addAndGet);
    }

    private LinkJournal open() throws IOException {
        return open(LinkJournal.SEGMENT_BYTES);
    }

    private static Frame retraction(long seq) {
        return Frame.newBuilder().setRetraction(Retraction.newBuilder().setSequence(seq).setOriginNode("jpn-1")
                .setOriginUid("uid-" + seq).setReason("test")).build();
    }

    private static List<Long> sequences(LinkStore.Recovered r) {
        return r.frames().stream().map(LinkStore.Stored::sequence).toList();
    }

    @Test
    void aReopenedJournalHasTheEpochUnacknowledgedFramesAndReceivePosition() throws IOException {
        long epoch;
        try (LinkJournal j = open()) {
            assertThat(j.recovered().restored()).isFalse();
            epoch = j.recovered().epoch();
            j.reserve(100);
            for (long s = 1; s <= 5; s++) {
                j.frame(s, retraction(s), null);
            }
            j.acknowledged(2);
            j.received(77, 40);
            j.received(77, 41);
        }
        try (LinkJournal j = open()) {
            LinkStore.Recovered r = j.recovered();
            assertThat(r.restored()).isTrue();
            assertThat(r.epoch()).isEqualTo(epoch);
            assertThat(r.sequenceFloor()).isEqualTo(100);
            assertThat(r.acknowledged()).isEqualTo(2);
            assertThat(sequences(r)).containsExactly(3L, 4L, 5L);
            assertThat(r.frames().get(0).frame()).isEqualTo(retraction(3));
            assertThat(r.receivedEpoch()).isEqualTo(77);
            assertThat(r.receivedLast()).isEqualTo(41);
        }
        assertThat(damaged).hasValue(0);
    }

    @Test
    void aTornLastRecordIsCutOffAndTheValidPrefixKept() throws IOException {
        try (LinkJournal j = open()) {
            for (long s = 1; s <= 3; s++) {
                j.frame(s, retraction(s), null);
            }
        }
        Path segment = newest();
        long length = Files.size(segment);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(length - 5); // a kill in the middle of writing frame 3
        }
        try (LinkJournal j = open()) {
            assertThat(sequences(j.recovered())).containsExactly(1L, 2L);
            j.frame(4, retraction(4), null);
        }
        assertThat(damaged).hasValue(1);
        try (LinkJournal j = open()) {
            assertThat(sequences(j.recovered())).containsExactly(1L, 2L, 4L);
        }
        assertThat(damaged).as("the damage was repaired once").hasValue(1);
    }

    @Test
    void aRecordWithAWrongCrcEndsTheValidPrefix() throws IOException {
        try (LinkJournal j = open()) {
            for (long s = 1; s <= 4; s++) {
                j.frame(s, retraction(s), null);
            }
        }
        Path segment = newest();
        long size = Files.size(segment);
        int recordBytes = 9 + 8 + retraction(4).getSerializedSize();
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            long inThird = size - 2L * recordBytes + 12; // a payload byte of frame 3
            f.seek(inThird);
            int b = f.read();
            f.seek(inThird);
            f.write(b ^ 0x40);
        }
        try (LinkJournal j = open()) {
            assertThat(sequences(j.recovered())).containsExactly(1L, 2L);
        }
        assertThat(damaged).hasValue(1);
    }

    @Test
    void garbageInsteadOfASegmentIsMovedAsideNotTrusted() throws IOException {
        try (LinkJournal j = open()) {
            j.frame(1, retraction(1), null);
        }
        Files.writeString(dir.resolve("999999999999.seg"), "not a journal");
        try (LinkJournal j = open()) {
            assertThat(sequences(j.recovered())).containsExactly(1L);
        }
        assertThat(damaged).hasValue(1);
        assertThat(dir.resolve("999999999999.seg.bad")).exists();
    }

    @Test
    void acknowledgedSegmentsAreDeletedAndUnacknowledgedOnesKept() throws IOException {
        try (LinkJournal j = open(1024)) {
            for (long s = 1; s <= 200; s++) {
                j.frame(s, retraction(s), null);
            }
            assertThat(j.files().size()).isGreaterThan(5);
            j.acknowledged(150);
            j.received(9, 9); // any record: compaction happened at the acknowledgement already
            List<Path> left = j.files();
            assertThat(left.size()).isLessThan(5);
        }
        try (LinkJournal j = open(1024)) {
            assertThat(sequences(j.recovered())).hasSize(50).startsWith(151L).endsWith(200L);
            assertThat(j.recovered().receivedLast()).isEqualTo(9);
            j.acknowledged(200);
            assertThat(j.files()).hasSize(1); // only the new run's segment, its snapshot says it all
        }
        try (LinkJournal j = open(1024)) {
            assertThat(j.recovered().frames()).isEmpty();
            assertThat(j.recovered().acknowledged()).isEqualTo(200);
        }
        assertThat(damaged).hasValue(0);
    }

    @Test
    void aRestoredLogKeepsItsEpochAndDurableFramesAndNeverReusesASequence() throws IOException {
        long epoch;
        long lastBefore;
        try (LinkJournal j = open()) {
            OutboundLog log = new OutboundLog(100, j);
            epoch = log.epoch();
            log.append(null, LinkJournalTest::retraction);
            log.append("jpn-1:P-3C", LinkJournalTest::retraction); // a position: not stored
            log.append(null, LinkJournalTest::retraction);
            log.acknowledge(1);
            lastBefore = log.lastSequence();
        }
        try (LinkJournal j = open()) {
            OutboundLog log = new OutboundLog(100, j);
            assertThat(log.restored()).isTrue();
            assertThat(log.epoch()).isEqualTo(epoch);
            assertThat(log.acknowledged()).isEqualTo(1);
            assertThat(log.after(0).sequence()).isEqualTo(3);
            assertThat(log.size()).isEqualTo(1);
            log.append(null, LinkJournalTest::retraction);
            // The first run reserved up to 1 + RESERVE_BLOCK when it handed out 1: the new run starts above that.
            assertThat(lastBefore).isEqualTo(3);
            assertThat(log.lastSequence()).isEqualTo(1 + OutboundLog.RESERVE_BLOCK + 1);
        }
    }

    @Test
    void aRestoredReceivePositionSkipsWhatWasAlreadyTaken() throws IOException {
        try (LinkJournal j = open()) {
            Acknowledgements acks = new Acknowledgements(Runnable::run, () -> null, j);
            acks.useEpoch(42);
            assertThat(acks.take(1)).isTrue();
            acks.processedDurable();
            assertThat(acks.take(2)).isTrue();
            acks.processedDurable();
        }
        try (LinkJournal j = open()) {
            Acknowledgements acks = new Acknowledgements(Runnable::run, () -> null, j);
            assertThat(acks.epoch()).isEqualTo(42);
            acks.useEpoch(42);
            assertThat(acks.take(2)).as("a resend of a frame taken before the restart").isFalse();
            assertThat(acks.take(3)).isTrue();
        }
    }

    @Test
    void aJournalInUseCannotBeOpenedTwice() throws IOException {
        try (LinkJournal j = open()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(this::open).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
        }
        try (LinkJournal j = open()) {
            assertThat(j.recovered().restored()).isTrue();
        }
    }

    @Test
    void aJournalThatCannotBeWrittenRefusesTheFrameCountedAndTheRouterCarriesOn() throws IOException {
        LinkJournal j = open();
        OutboundLog log = new OutboundLog(100, j);
        org.kizuna.federation.FederationMetrics metrics = new org.kizuna.federation.FederationMetrics(
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        org.kizuna.federation.Partner usa = org.kizuna.federation.Partner.open("usa-1", "USA", "usa-1",
                Files.writeString(dir.resolve("usa-ca.pem"), "not read here"), null);
        Outbox outbox = new Outbox("jpn-1", usa, org.kizuna.federation.LinkSettings.DEFAULTS,
                org.kizuna.core.federation.PartnerRelease.PERMIT_ALL, metrics, log, (routed, delay) -> {
                    throw new AssertionError("permit-all never delays");
                });
        j.close(); // as if the disk went away
        java.time.Instant now = java.time.Instant.now();
        org.kizuna.cot.CotEvent marker = org.kizuna.cot.CotEvent.builder("M-1", "b-m-p-s-m")
                .times(now, now.plusSeconds(60)).point(org.kizuna.cot.Point.of(35, 139)).build();
        org.kizuna.cot.proto.TakProtoCodec codec = new org.kizuna.cot.proto.TakProtoCodec(org.kizuna.cot.CotLimits.DEFAULTS);
        boolean appended = outbox.offer(new Routed(new org.kizuna.core.routing.RoutedEvent(marker, null, codec, null, null,
                new org.kizuna.core.routing.Origin(null, java.util.Set.of(org.kizuna.core.identity.Group.ANONYMOUS), false,
                        null)), codec));
        assertThat(appended).isFalse();
        assertThat(log.size()).as("not accepted, so never sent").isZero();
        assertThat(metrics.count("kizuna.federation.outbound.dropped", "usa-1", "journal-error")).isEqualTo(1);
    }

    private Path newest() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }
}
