package org.kizuna.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A log of the unkeyed format (before the key) is kept aside on the first keyed open, and protected from then on. */
class UnkeyedLogTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);

    /** Three records as the unkeyed SHA-256 chain wrote them. */
    private Path unkeyedLog() throws Exception {
        List<String> lines = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int i = 1; i <= 3; i++) {
            AuditRecord r = new AuditRecord(i, clock.instant(), "posture-requested", "alice", "HADR " + i, prev, "");
            String hash = AuditChain.unkeyedHash(r);
            lines.add(AuditChain.line(new AuditRecord(i, r.at(), r.kind(), r.actor(), r.detail(), prev, hash)));
            prev = hash;
        }
        Path file = AuditLog.file(dir);
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theOldLogIsKeptAsideAndTheNewChainNamesItsHead() throws Exception {
        Path file = unkeyedLog();
        String oldHead = AuditChain.parse(Files.readAllLines(file).get(2)).hash();
        AuditKey key = AuditKey.loadOrCreate(AuditKey.defaultFile(dir));
        try (AuditLog log = AuditLog.open(file, key, clock)) {
            log.append("posture-approved", "bob", "HADR");
        }
        Path aside = file.resolveSibling("audit.log.unkeyed-20261126T090000Z");
        assertThat(aside).exists();
        assertThat(Files.readAllLines(aside)).hasSize(3);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(aside))).isEqualTo("r--------");
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\taudit-keyed\tnode\tcontinues the unkeyed log audit.log.unkeyed-20261126T090000Z: "
                + "3 records, head " + oldHead);

        AuditVerifier.Verification v = AuditVerifier.verify(file, key);
        assertThat(v.intact()).isTrue();
        assertThat(v.records()).isEqualTo(2);
        assertThat(v.notes()).singleElement().asString().contains("unkeyed log").contains(oldHead);

        // reopened, it is keyed: nothing more is set aside
        try (AuditLog log = AuditLog.open(file, key, clock)) {
            log.append("posture-expired", "node", "PEACETIME");
        }
        assertThat(Files.list(file.getParent()).count()).isEqualTo(2);
    }

    @Test
    void theKeptLogCannotBeChangedUnnoticed() throws Exception {
        Path file = unkeyedLog();
        AuditKey key = AuditKey.loadOrCreate(AuditKey.defaultFile(dir));
        try (AuditLog log = AuditLog.open(file, key, clock)) {
            log.append("posture-approved", "bob", "HADR");
        }
        Path aside = file.resolveSibling("audit.log.unkeyed-20261126T090000Z");
        aside.toFile().setWritable(true, true);
        // the last old record removed: the old chain itself still verifies, its head no longer matches
        Files.write(aside, Files.readAllLines(aside).subList(0, 2), StandardCharsets.UTF_8);
        AuditVerifier.Verification v = AuditVerifier.verify(file, key);
        assertThat(v.brokenLine()).isEqualTo(1);
        assertThat(v.reason()).contains("record 1").contains("was changed since");

        Files.delete(aside);
        assertThat(AuditVerifier.verify(file, key).reason()).contains("missing");
    }
}
