package org.kizuna.store.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);
    private AuditKey key;

    @BeforeEach
    void key() throws Exception {
        key = AuditKey.loadOrCreate(AuditKey.defaultFile(dir));
    }

    private Path writeFive() throws Exception {
        Path file = AuditLog.file(dir);
        try (AuditLog log = AuditLog.open(file, key, clock)) {
            log.append("posture-requested", "alice", "CONTINGENCY");
            log.append("posture-approved", "bob", "CONTINGENCY version 2");
        }
        // reopened, the chain continues where it stopped
        try (AuditLog log = AuditLog.open(file, key, clock)) {
            log.append("release-denied", "node", "ANDROID-1 to usa-lno: clearance");
            log.append("admin", "carol", "tabs\tand\nnewlines and \\ survive");
            log.append("posture-expired", "node", "back to PEACETIME");
        }
        return file;
    }

    @Test
    void anIntactChainVerifies() throws Exception {
        Path file = writeFive();
        AuditVerifier.Verification v = AuditVerifier.verify(file, key);
        assertThat(v.intact()).isTrue();
        assertThat(v.records()).isEqualTo(5);
        assertThat(v.head()).isEqualTo(AuditChain.parse(Files.readAllLines(file).get(4)).hash());
        assertThat(Files.readAllLines(file)).hasSize(5);
        assertThat(AuditChain.parse(Files.readAllLines(file).get(3)).detail()).isEqualTo("tabs\tand\nnewlines and \\ survive");
    }

    @Test
    void twoWritersOnOneFileKeepOneChain() throws Exception {
        Path file = AuditLog.file(dir);
        try (AuditLog node = AuditLog.open(file, key, clock); AuditLog admin = AuditLog.open(file, key, clock)) {
            node.append("release-denied", "node", "a");
            admin.append("posture-requested", "alice", "HADR");
            node.append("release-denied", "node", "b");
            assertThat(admin.append("posture-approved", "bob", "HADR").seq()).isEqualTo(4);
        }
        assertThat(AuditVerifier.verify(file, key).intact()).isTrue();
        assertThat(AuditVerifier.verify(file, key).records()).isEqualTo(4);
    }

    @Test
    void aChangedRecordIsNamed() throws Exception {
        Path file = writeFive();
        tamper(file, 2, l -> l.replace("CONTINGENCY version 2", "PEACETIME version 2"));
        AuditVerifier.Verification v = AuditVerifier.verify(file, key);
        assertThat(v.intact()).isFalse();
        assertThat(v.brokenLine()).isEqualTo(2);
        assertThat(v.records()).isEqualTo(1);
        assertThat(v.reason()).contains("record 2").contains("changed");
    }

    @Test
    void aRemovedOrReorderedRecordIsNamed() throws Exception {
        Path file = writeFive();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(2);
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertThat(AuditVerifier.verify(file, key).brokenLine()).isEqualTo(3);

        Path other = writeFiveIn(dir.resolve("b"));
        List<String> swapped = new ArrayList<>(Files.readAllLines(other));
        String third = swapped.get(2);
        swapped.set(2, swapped.get(3));
        swapped.set(3, third);
        Files.write(other, swapped, StandardCharsets.UTF_8);
        assertThat(AuditVerifier.verify(other, key).brokenLine()).isEqualTo(3);
    }

    /**
     * Records deleted and the chain recomputed after them, as with the unkeyed SHA-256 chain: the
     * first recomputed record is named, whether recomputed unkeyed or under another key.
     */
    @Test
    void aChainRecomputedWithoutTheKeyFailsAtTheFirstRecomputedRecord() throws Exception {
        Path file = writeFive();
        AuditKey guessed = AuditKey.loadOrCreate(dir.resolve("elsewhere").resolve("guessed.key"));
        for (boolean unkeyed : new boolean[] {true, false}) {
            List<AuditRecord> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                kept.add(AuditChain.parse(line));
            }
            kept.remove(1); // the approval goes
            List<String> forged = new ArrayList<>();
            forged.add(AuditChain.line(kept.get(0)));
            String prev = kept.get(0).hash();
            for (int i = 1; i < kept.size(); i++) {
                AuditRecord r = kept.get(i);
                AuditRecord renumbered = new AuditRecord(i + 1, r.at(), r.kind(), r.actor(), r.detail(), prev, "");
                String hash = unkeyed ? AuditChain.unkeyedHash(renumbered) : AuditChain.hash(guessed, renumbered);
                forged.add(AuditChain.line(new AuditRecord(i + 1, r.at(), r.kind(), r.actor(), r.detail(), prev, hash)));
                prev = hash;
            }
            Path copy = dir.resolve("forged-" + unkeyed + ".log");
            Files.write(copy, forged, StandardCharsets.UTF_8);
            AuditVerifier.Verification v = AuditVerifier.verify(copy, key);
            assertThat(v.brokenLine()).as("recomputed %s", unkeyed ? "unkeyed" : "with another key").isEqualTo(2);
            assertThat(v.reason()).contains("record 2").contains("without the key");
        }
    }

    @Test
    void aRecordRewrittenWithAFreshHashIsNamed() throws Exception {
        Path file = writeFive();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        AuditRecord r = AuditChain.parse(lines.get(1));
        String forged = AuditChain.hash(key, r.seq(), r.at(), r.kind(), r.actor(), "forged", r.prev());
        lines.set(1, AuditChain.line(new AuditRecord(r.seq(), r.at(), r.kind(), r.actor(), "forged", r.prev(), forged)));
        Files.write(file, lines, StandardCharsets.UTF_8);
        AuditVerifier.Verification v = AuditVerifier.verify(file, key);
        assertThat(v.brokenLine()).as("even with the key, the next record still names the old hash").isEqualTo(3);
        assertThat(v.reason()).contains("does not follow");
    }

    @Test
    void anAnchorCatchesATruncatedLog() throws Exception {
        Path file = writeFive();
        AuditAnchor anchor = AuditVerifier.verify(file, key).anchor();
        assertThat(AuditAnchor.parse(anchor.toString())).isEqualTo(anchor);
        assertThat(AuditVerifier.verify(file, key, anchor).intact()).isTrue();
        try (AuditLog log = AuditLog.open(file, key, clock)) {
            log.append("later", "node", "the log grows after the anchor");
        }
        assertThat(AuditVerifier.verify(file, key, anchor).intact()).as("growing is fine").isTrue();

        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, 3), StandardCharsets.UTF_8);
        assertThat(AuditVerifier.verify(file, key).intact()).as("a truncated chain is a valid chain").isTrue();
        AuditVerifier.Verification v = AuditVerifier.verify(file, key, anchor);
        assertThat(v.intact()).isFalse();
        assertThat(v.brokenLine()).isEqualTo(4);
        assertThat(v.reason()).contains("record 4 is missing").contains("names 5 records").contains("holds 3");
    }

    /** Someone holding the key removes the last two records and writes two others: the anchor's record differs. */
    @Test
    void anAnchorCatchesALogRewrittenWithTheKey() throws Exception {
        Path file = writeFive();
        AuditAnchor anchor = AuditVerifier.verify(file, key).anchor();
        Files.write(file, Files.readAllLines(file).subList(0, 3), StandardCharsets.UTF_8);
        try (AuditLog log = AuditLog.open(file, key, Clock.offset(clock, java.time.Duration.ofSeconds(1)))) {
            log.append("admin", "carol", "something else");
            log.append("posture-expired", "node", "back to PEACETIME");
        }
        AuditVerifier.Verification v = AuditVerifier.verify(file, key, anchor);
        assertThat(v.brokenLine()).isEqualTo(5);
        assertThat(v.reason()).contains("record 5").contains("anchor");
    }

    @Test
    void aLogWhoseEndWasChangedOrIsUnreadableIsNotContinued() throws Exception {
        Path file = writeFive();
        try (AuditLog log = AuditLog.open(file, key, clock)) {
            tamper(file, 5, l -> l.replace("back to PEACETIME", "back to CONTINGENCY"));
            assertThatThrownBy(() -> log.append("posture-requested", "alice", "HADR"))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("last record (5)");
        }
        assertThatThrownBy(() -> AuditLog.open(file, key, clock)).as("nor opened")
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("last record (5)");
        Files.writeString(file, "garbage\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> AuditLog.open(file, key, clock)).hasMessageContaining("unreadable");
        assertThat(Files.readAllLines(file)).hasSize(6);
    }

    @Test
    void anotherKeyCannotContinueTheChain() throws Exception {
        Path file = writeFive();
        AuditKey other = AuditKey.loadOrCreate(dir.resolve("other.key"));
        assertThatThrownBy(() -> AuditLog.open(file, other, clock)).hasMessageContaining("not the node's key");
        assertThat(AuditVerifier.verify(file, other).brokenLine()).isEqualTo(1);
        assertThat(Files.readAllLines(file)).hasSize(5);
    }

    private Path writeFiveIn(Path d) throws Exception {
        Path saved = dir;
        dir = d;
        try {
            return writeFive();
        } finally {
            dir = saved;
        }
    }

    static void tamper(Path file, int lineNo, java.util.function.UnaryOperator<String> edit) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(lineNo - 1, edit.apply(lines.get(lineNo - 1)));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
