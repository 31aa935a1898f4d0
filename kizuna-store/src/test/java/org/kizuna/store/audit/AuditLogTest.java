package org.kizuna.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);

    private Path writeFive() throws Exception {
        Path file = AuditLog.file(dir);
        try (AuditLog log = AuditLog.open(file, clock)) {
            log.append("posture-requested", "alice", "CONTINGENCY");
            log.append("posture-approved", "bob", "CONTINGENCY version 2");
        }
        // reopened, the chain continues where it stopped
        try (AuditLog log = AuditLog.open(file, clock)) {
            log.append("release-denied", "node", "ANDROID-1 to usa-lno: clearance");
            log.append("admin", "carol", "tabs\tand\nnewlines and \\ survive");
            log.append("posture-expired", "node", "back to PEACETIME");
        }
        return file;
    }

    @Test
    void anIntactChainVerifies() throws Exception {
        Path file = writeFive();
        assertThat(AuditVerifier.verify(file)).isEqualTo(new AuditVerifier.Verification(5, 0, ""));
        assertThat(Files.readAllLines(file)).hasSize(5);
        assertThat(AuditChain.parse(Files.readAllLines(file).get(3)).detail()).isEqualTo("tabs\tand\nnewlines and \\ survive");
    }

    @Test
    void twoWritersOnOneFileKeepOneChain() throws Exception {
        Path file = AuditLog.file(dir);
        try (AuditLog node = AuditLog.open(file, clock); AuditLog admin = AuditLog.open(file, clock)) {
            node.append("release-denied", "node", "a");
            admin.append("posture-requested", "alice", "HADR");
            node.append("release-denied", "node", "b");
            assertThat(admin.append("posture-approved", "bob", "HADR").seq()).isEqualTo(4);
        }
        assertThat(AuditVerifier.verify(file).intact()).isTrue();
        assertThat(AuditVerifier.verify(file).records()).isEqualTo(4);
    }

    @Test
    void aChangedRecordIsNamed() throws Exception {
        Path file = writeFive();
        tamper(file, 2, l -> l.replace("CONTINGENCY version 2", "PEACETIME version 2"));
        AuditVerifier.Verification v = AuditVerifier.verify(file);
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
        assertThat(AuditVerifier.verify(file).brokenLine()).isEqualTo(3);

        Path other = writeFiveIn(dir.resolve("b"));
        List<String> swapped = new ArrayList<>(Files.readAllLines(other));
        String third = swapped.get(2);
        swapped.set(2, swapped.get(3));
        swapped.set(3, third);
        Files.write(other, swapped, StandardCharsets.UTF_8);
        assertThat(AuditVerifier.verify(other).brokenLine()).isEqualTo(3);
    }

    @Test
    void aRecordRewrittenWithAFreshHashStillBreaksTheNextLink() throws Exception {
        Path file = writeFive();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        AuditRecord r = AuditChain.parse(lines.get(1));
        String forged = AuditChain.hash(r.seq(), r.at(), r.kind(), r.actor(), "forged", r.prev());
        lines.set(1, AuditChain.line(new AuditRecord(r.seq(), r.at(), r.kind(), r.actor(), "forged", r.prev(), forged)));
        Files.write(file, lines, StandardCharsets.UTF_8);
        AuditVerifier.Verification v = AuditVerifier.verify(file);
        assertThat(v.brokenLine()).isEqualTo(3);
        assertThat(v.reason()).contains("does not follow");
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

    private static void tamper(Path file, int lineNo, java.util.function.UnaryOperator<String> edit) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(lineNo - 1, edit.apply(lines.get(lineNo - 1)));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
