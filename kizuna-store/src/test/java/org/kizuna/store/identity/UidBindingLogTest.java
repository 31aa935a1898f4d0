package org.kizuna.store.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.store.identity.BindingRecord.Bound;
import org.kizuna.store.identity.BindingRecord.Released;
import org.slf4j.LoggerFactory;

class UidBindingLogTest {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @TempDir
    Path data;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final ch.qos.logback.classic.Logger logger =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.kizuna.store");

    @BeforeEach
    void watchLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopWatching() {
        logger.detachAppender(logged);
    }

    private static Bound bound(String uid, String owner) {
        return new Bound(uid, owner, T0);
    }

    @Test
    void aReopenedJournalReplaysToTheLiveBindings() throws Exception {
        try (UidBindingLog log = UidBindingLog.open(data)) {
            assertThat(log.replay().live()).isEmpty();
            log.append(List.of(bound("a", "x"), bound("b", "y")));
            log.append(List.of(new Released("a", "x", "admin", T0), bound("c", "x")));
            // a release naming another owner changes nothing
            log.append(List.of(new Released("b", "x", "admin", T0)));
        }
        try (UidBindingLog log = UidBindingLog.open(data)) {
            Replayed r = log.replay();
            assertThat(r.live()).isEqualTo(Map.of("b", bound("b", "y"), "c", bound("c", "x")));
            assertThat(r.records()).isEqualTo(5);
            assertThat(r.skipped()).isZero();
        }
    }

    @Test
    void aUidCannotForgeALine() throws Exception {
        String forged = "x\nreleased\tvictim\tdemo-alpha\tadmin\t" + T0;
        List<String> nasty = List.of("tab\there", "new\nline", "cr\rlf", "back\\slash", "&#10;", "a&#10;b\\n",
                "\\t literal", "lone \uD800 surrogate", "pair \uD83D\uDE00 ok", "", forged);
        try (UidBindingLog log = UidBindingLog.open(data)) {
            log.replay();
            log.append(List.of(bound("victim", "demo-alpha")));
            List<Bound> batch = new ArrayList<>();
            for (String uid : nasty) {
                batch.add(bound(uid, "owner\twith\ntab"));
            }
            log.append(batch);
        }
        List<String> lines = Files.readAllLines(UidBindingLog.file(data), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1 + 1 + nasty.size());
        try (UidBindingLog log = UidBindingLog.open(data)) {
            Replayed r = log.replay();
            assertThat(r.ownerOf("victim")).contains("demo-alpha");
            for (String uid : nasty) {
                assertThat(r.ownerOf(uid)).as(uid).contains("owner\twith\ntab");
            }
            assertThat(r.live()).hasSize(1 + nasty.size());
        }
    }

    @Test
    void aLineCutShortByAKillIsDroppedWithAWarning() throws Exception {
        try (UidBindingLog log = UidBindingLog.open(data)) {
            log.replay();
            log.append(List.of(bound("a", "x"), bound("b", "y")));
        }
        Path file = UidBindingLog.file(data);
        long complete = Files.size(file);
        Files.writeString(file, "bound\tc\tz\t2026-11-26T0", StandardOpenOption.APPEND);
        try (UidBindingLog log = UidBindingLog.open(data)) {
            assertThat(log.replay().live()).containsOnlyKeys("a", "b");
            assertThat(Files.size(file)).isEqualTo(complete);
            assertThat(warnings()).anyMatch(w -> w.contains("cut short"));
            // the next record starts on its own line
            log.append(List.of(bound("d", "x")));
        }
        try (UidBindingLog log = UidBindingLog.open(data)) {
            Replayed r = log.replay();
            assertThat(r.live()).containsOnlyKeys("a", "b", "d");
            assertThat(r.skipped()).isZero();
        }
    }

    @Test
    void anUnreadableLineIsSkippedNotFatal() throws Exception {
        try (UidBindingLog log = UidBindingLog.open(data)) {
            log.replay();
            log.append(List.of(bound("a", "x")));
        }
        Files.writeString(UidBindingLog.file(data), "bound\tonly-two\n" + BindingLines.line(bound("b", "y")) + "\n",
                StandardOpenOption.APPEND);
        try (UidBindingLog log = UidBindingLog.open(data)) {
            Replayed r = log.replay();
            assertThat(r.live()).containsOnlyKeys("a", "b");
            assertThat(r.skipped()).isEqualTo(1);
            assertThat(warnings()).anyMatch(w -> w.contains("unreadable record"));
        }
    }

    @Test
    void compactionKeepsExactlyTheLiveBindings() throws Exception {
        try (UidBindingLog log = UidBindingLog.open(data)) {
            log.replay();
            for (int round = 0; round < 5; round++) {
                List<BindingRecord> batch = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    batch.add(bound("uid-" + i, "owner-" + round));
                    if (i % 2 == 0 || round < 4) {
                        batch.add(new Released("uid-" + i, "owner-" + round, "admin", T0));
                    }
                }
                log.append(batch);
            }
            Replayed before = log.replay();
            assertThat(before.live()).hasSize(50);
            assertThat(log.records()).isEqualTo(5 * 100 + 4 * 100 + 50);

            assertThat(log.compact(before.live().values())).isEmpty();
            assertThat(log.records()).isEqualTo(50);
            assertThat(Files.readAllLines(UidBindingLog.file(data))).hasSize(1 + 50);
            assertThat(log.replay().live()).isEqualTo(before.live());
            // appends continue on the new file
            log.append(List.of(bound("late", "x")));
        }
        try (UidBindingLog log = UidBindingLog.open(data)) {
            assertThat(log.replay().live()).hasSize(51).containsKey("late");
        }
    }

    @Test
    void anotherWritersReleaseIsReadAsNewsAndSurvivesACompaction() throws Exception {
        try (UidBindingLog node = UidBindingLog.open(data)) {
            node.replay();
            node.append(List.of(bound("a", "x"), bound("b", "y")));
            assertThat(node.readNew()).isEmpty();
            try (UidBindingLog command = UidBindingLog.openExisting(data).orElseThrow()) {
                assertThat(command.release("a", "admin", T0)).contains(new Released("a", "x", "admin", T0));
                assertThat(command.release("nope", "admin", T0)).isEmpty();
            }
            assertThat(node.readNew()).containsExactly(new Released("a", "x", "admin", T0));
            assertThat(node.readNew()).isEmpty();

            try (UidBindingLog command = UidBindingLog.openExisting(data).orElseThrow()) {
                command.release("b", "admin", T0);
            }
            // the node compacts from memory that has not seen the release yet: it is kept after the snapshot
            List<BindingRecord> others = node.compact(List.of(bound("b", "y")));
            assertThat(others).containsExactly(new Released("b", "y", "admin", T0));
            assertThat(node.replay().live()).isEmpty();
        }
    }

    /** The release's audit record comes first: when it cannot be written, the uid stays bound. */
    @Test
    void aReleaseWhoseAuditFailsIsNotWritten() throws Exception {
        try (UidBindingLog node = UidBindingLog.open(data)) {
            node.replay();
            node.append(List.of(bound("a", "x")));
            List<Released> audited = new ArrayList<>();
            try (UidBindingLog command = UidBindingLog.openExisting(data).orElseThrow()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> command.release("a", "admin", T0, r -> {
                    throw new java.io.UncheckedIOException(new java.io.IOException("audit log unwritable"));
                })).hasMessageContaining("audit log unwritable");
                assertThat(node.readNew()).isEmpty();
                assertThat(command.release("a", "admin", T0, audited::add)).isPresent();
            }
            assertThat(audited).containsExactly(new Released("a", "x", "admin", T0));
            assertThat(node.readNew()).containsExactly(new Released("a", "x", "admin", T0));
        }
    }

    @Test
    void aCommandOpenedBeforeACompactionWritesIntoTheNewFile() throws Exception {
        try (UidBindingLog node = UidBindingLog.open(data);
             UidBindingLog command = UidBindingLog.openExisting(data).orElseThrow()) {
            node.replay();
            node.append(List.of(bound("a", "x")));
            node.compact(List.of(bound("a", "x")));
            assertThat(command.release("a", "admin", T0)).isPresent();
            assertThat(node.readNew()).containsExactly(new Released("a", "x", "admin", T0));
            assertThat(warnings()).noneMatch(w -> w.contains("replaced"));
        }
    }

    @Test
    void aCommandDoesNotCreateAJournal() throws Exception {
        assertThat(UidBindingLog.openExisting(data)).isEmpty();
        assertThat(data.resolve("identity")).doesNotExist();
    }

    @Test
    void filesAreOwnerOnlyFromCreation() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        try (UidBindingLog log = UidBindingLog.open(data)) {
            Path file = UidBindingLog.file(data);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.resolveSibling("uid-bindings.lock"))))
                    .isEqualTo("rw-------");
            log.replay();
            log.compact(List.of(bound("a", "x")));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void existingLooserPermissionsAreReportedNotChanged() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path dir = Files.createDirectories(data.resolve("identity"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (UidBindingLog log = UidBindingLog.open(data)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwxr-xr-x");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(UidBindingLog.file(data))))
                    .isEqualTo("rw-------");
        }
        assertThat(logged.list).anyMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("rwxr-xr-x"));
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
