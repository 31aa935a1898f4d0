package org.kizuna.app.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.config.ConfigException;
import org.kizuna.core.testing.MutableClock;
import org.kizuna.policy.posture.Posture;
import org.kizuna.store.audit.AuditKey;
import org.kizuna.store.audit.AuditLog;
import org.kizuna.store.audit.AuditVerifier;

/**
 * The running node's posture comes only from the audited steps: a hand-edited or unsealed file
 * is refused at start and while running (audited once per content, the last valid posture kept).
 */
class NodePostureTest {

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T09:00:00Z"));
    private AuditKey key;
    private AuditLog audit;
    private PostureFile file;

    @BeforeEach
    void open() throws Exception {
        key = AuditKey.loadOrCreate(AuditKey.defaultFile(data));
        audit = AuditLog.open(AuditLog.file(data), key, clock);
        file = new PostureFile(data, key);
    }

    @AfterEach
    void close() throws Exception {
        audit.close();
    }

    private NodePosture start() {
        return NodePosture.start(file, Posture.PEACETIME, clock, audit::append);
    }

    private PostureSteps admins() {
        return new PostureSteps(file, Posture.PEACETIME, clock, events -> PostureSteps.record(audit::append, events));
    }

    private List<String> records(String kind) throws Exception {
        return Files.readAllLines(AuditLog.file(data)).stream().filter(l -> l.contains("\t" + kind + "\t")).toList();
    }

    private void edit(String from, String to) throws Exception {
        String text = Files.readString(file.path());
        assertThat(text).contains(from);
        Files.writeString(file.path(), text.replace(from, to));
    }

    @Test
    void aHandEditWhileRunningIsRefusedAuditedOnceAndTheNodeStaysPut() throws Exception {
        NodePosture node = start();
        assertThat(file.path()).exists();
        edit("\"PEACETIME\"", "\"CONTINGENCY\"");
        edit("\"version\" : 1", "\"version\" : 9");

        for (int i = 0; i < 3; i++) {
            assertThat(node.refresh()).isEmpty();
            assertThat(node.current().posture()).isEqualTo(Posture.PEACETIME);
            assertThat(node.current().version()).isEqualTo(1);
        }
        assertThat(records("posture-file-rejected")).singleElement().asString().contains("MAC does not match")
                .contains("staying in PEACETIME (version 1)").contains("sha256 ");

        edit("\"version\" : 9", "\"version\" : 10");
        node.refresh();
        assertThat(records("posture-file-rejected")).as("another content, another record").hasSize(2);
        assertThat(AuditVerifier.verify(AuditLog.file(data), key).intact()).isTrue();

        assertThatThrownBy(() -> admins().request(Posture.HADR, Optional.empty(), "alice"))
                .isInstanceOf(PostureFileRejected.class);
        assertThatThrownBy(() -> node.steps().status()).isInstanceOf(PostureFileRejected.class);
    }

    @Test
    void anExpiredPostureStillRevertsWhileTheFileIsRefused() throws Exception {
        admins().request(Posture.CONTINGENCY, Optional.of(Duration.ofHours(1)), "alice");
        admins().approvePending("bob");
        NodePosture node = start();
        assertThat(node.current().posture()).isEqualTo(Posture.CONTINGENCY);
        edit("\"alice\"", "\"mallory\"");
        clock.advance(Duration.ofHours(2));

        assertThat(node.refresh()).map(s -> s.posture()).contains(Posture.CONTINGENCY);
        assertThat(node.current().posture()).isEqualTo(Posture.PEACETIME);
        assertThat(node.current().version()).isEqualTo(3);
        assertThat(records("posture-expired")).singleElement().asString().contains("PEACETIME (version 3)");
    }

    @Test
    void aHandEditedFileStopsTheNodeAtStartAndIsAudited() throws Exception {
        start();
        edit("\"PEACETIME\"", "\"CONTINGENCY\"");
        assertThatThrownBy(this::start).isInstanceOf(ConfigException.class).hasMessageContaining("MAC does not match")
                .hasMessageContaining("remove it to start in policy.posture");
        assertThat(records("posture-file-rejected")).singleElement().asString().contains("not started");
    }

    /** A file from before sealed files is adopted only when it says no more than a fresh start would. */
    @Test
    void anUnsealedFileIsAdoptedOnlyWhenItHoldsTheStartingPostureAlone() throws Exception {
        Files.createDirectories(file.path().getParent());
        Files.writeString(file.path(), """
                {"posture": "PEACETIME", "version": 4, "since": "2026-11-20T00:00:00Z", "expiresAt": null,
                 "requestedBy": "", "approvedBy": ""}
                """);
        NodePosture node = start();
        assertThat(node.current().version()).isEqualTo(4);
        assertThat(Files.readString(file.path())).contains("\"mac\"");
        assertThat(records("posture-file-sealed")).singleElement().asString().contains("PEACETIME (version 4)");

        Files.writeString(file.path(), """
                {"posture": "CONTINGENCY", "version": 5, "since": "2026-11-20T00:00:00Z", "expiresAt": null,
                 "requestedBy": "alice", "approvedBy": "bob"}
                """);
        assertThatThrownBy(this::start).isInstanceOf(ConfigException.class).hasMessageContaining("carries no MAC");
        assertThat(node.refresh()).isEmpty();
        assertThat(node.current().posture()).isEqualTo(Posture.PEACETIME);
    }

    /** Before: the file was saved first, then the audit append failed. */
    @Test
    void whatFallsDueIsRecordedBeforeItIsSaved() throws Exception {
        admins().request(Posture.HADR, Optional.empty(), "alice");
        byte[] before = Files.readAllBytes(file.path());
        clock.advance(Duration.ofHours(2));
        Files.writeString(AuditLog.file(data), "torn\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> admins().applyDue()).hasMessageContaining("unreadable");
        assertThat(Files.readAllBytes(file.path())).isEqualTo(before);
    }
}
