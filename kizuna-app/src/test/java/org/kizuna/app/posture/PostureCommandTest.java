package org.kizuna.app.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.testing.KizunaCli.kizuna;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.Kizuna;
import org.kizuna.app.testing.KizunaCli.Run;
import org.kizuna.store.audit.AuditLog;

/** {@code kizuna posture} and {@code kizuna audit verify} as an administrator uses them. */
class PostureCommandTest {

    @TempDir
    Path data;

    @Test
    void aChangeNeedsASecondAdminAndEveryStepIsAudited() {
        String dir = data.toString();
        Run requested = kizuna("posture", "request", "CONTINGENCY", "--by", "alice", "--for", "6h", "--data", dir);
        assertThat(requested.exit()).isZero();
        assertThat(requested.out()).contains("posture PEACETIME (version 1)").contains("waiting for approval: CONTINGENCY");

        Run self = kizuna("posture", "approve", "--by", "alice", "--data", dir);
        assertThat(self.exit()).isEqualTo(1);
        assertThat(self.err()).contains("cannot approve their own");

        Run approved = kizuna("posture", "approve", "--by", "bob", "--data", dir);
        assertThat(approved.exit()).isZero();
        assertThat(approved.out()).contains("posture CONTINGENCY (version 2)").contains("reverts to PEACETIME at")
                .contains("requested by alice, approved by bob");
        assertThat(kizuna("posture", "status", "--data", dir).out()).contains("CONTINGENCY (version 2)");

        Run verified = kizuna("audit", "verify", "--data", dir);
        assertThat(verified.exit()).isZero();
        assertThat(verified.out()).contains("intact: 2 records");
    }

    @Test
    void verifyNamesTheFirstTamperedRecord() throws Exception {
        String dir = data.toString();
        kizuna("posture", "request", "HADR", "--by", "alice", "--data", dir);
        kizuna("posture", "approve", "--by", "bob", "--data", dir);
        kizuna("posture", "request", "PEACETIME", "--by", "bob", "--data", dir);
        Path file = AuditLog.file(data);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        assertThat(lines).hasSize(3);
        // someone rewrites who approved the change
        lines.set(1, lines.get(1).replace("\tbob\t", "\tmallory\t"));
        Files.write(file, lines, StandardCharsets.UTF_8);

        Run verified = kizuna("audit", "verify", "--data", dir);
        assertThat(verified.exit()).isEqualTo(2);
        assertThat(verified.err()).contains("BROKEN at line 2").contains("record 2").contains("1 records before it");
    }

    @Test
    void mistakesAreOneLineErrors() {
        String dir = data.toString();
        assertThat(kizuna("posture", "approve", "--by", "bob", "--data", dir).err()).contains("no posture change");
        assertThat(kizuna("posture", "request", "peace time", "--by", "a", "--data", dir).err()).contains("posture names");
        assertThat(kizuna("posture", "request", "HADR", "--data", dir).err()).contains("needs --by");
        assertThat(kizuna("posture", "request", "HADR", "--by", "a", "--for", "soon", "--data", dir).err()).contains("--for");
        assertThat(kizuna("audit", "verify", "--data", dir).err()).contains("no audit log");
    }

    private Path postureFile() {
        return data.resolve("policy").resolve("posture.json");
    }

    /** Before: the posture was saved, then the audit append failed (errors printed, posture changed anyway). */
    @Test
    void aStepThatCannotBeAuditedIsNotSaved() throws Exception {
        String dir = data.toString();
        assertThat(kizuna("posture", "request", "CONTINGENCY", "--by", "alice", "--data", dir).exit()).isZero();
        byte[] saved = Files.readAllBytes(postureFile());
        Files.writeString(AuditLog.file(data), "a broken last line\n", StandardOpenOption.APPEND);

        Run approved = kizuna("posture", "approve", "--by", "bob", "--data", dir);
        assertThat(approved.exit()).isEqualTo(1);
        assertThat(approved.err()).contains("nothing was changed").contains("audit record could not be written")
                .contains("unreadable");
        assertThat(Files.readAllBytes(postureFile())).as("the approval was not saved").isEqualTo(saved);
        assertThat(kizuna("posture", "status", "--data", dir).out()).contains("posture PEACETIME (version 1)")
                .contains("waiting for approval: CONTINGENCY");
    }

    /** Before: {@code --by reviewer} then {@code --by "Reviewer "} approved the requester's own change. */
    @Test
    void oneAdminSpelledTwoWaysCannotApproveTheirOwnChange() throws Exception {
        String dir = data.toString();
        assertThat(kizuna("posture", "request", "CONTINGENCY", "--by", "reviewer", "--data", dir).exit()).isZero();
        Run self = kizuna("posture", "approve", "--by", "Reviewer ", "--data", dir);
        assertThat(self.exit()).isEqualTo(1);
        assertThat(self.err()).contains("cannot approve their own");
        Run other = kizuna("posture", "approve", "--by", " Second ", "--data", dir);
        assertThat(other.exit()).isZero();
        assertThat(other.out()).contains("requested by reviewer, approved by second");
        assertThat(Files.readAllLines(AuditLog.file(data))).anyMatch(l -> l.contains("\tposture-requested\treviewer\t"))
                .anyMatch(l -> l.contains("\tposture-approved\tsecond\t"));
    }

    /** Before: a hand edit of posture.json was the posture, for the commands and the node alike. */
    @Test
    void aHandEditedPostureFileIsRefused() throws Exception {
        String dir = data.toString();
        assertThat(kizuna("posture", "request", "HADR", "--by", "alice", "--data", dir).exit()).isZero();
        String sealed = Files.readString(postureFile());
        Files.writeString(postureFile(), sealed.replace("\"PEACETIME\"", "\"CONTINGENCY\""));

        Run status = kizuna("posture", "status", "--data", dir);
        assertThat(status.exit()).isEqualTo(2);
        assertThat(status.err()).contains("posture.json was not written by Kizuna").contains("MAC does not match");
        for (String[] step : List.of(new String[] {"approve", "--by", "bob"}, new String[] {"request", "GRAY_ZONE", "--by", "bob"},
                new String[] {"cancel", "--by", "bob"})) {
            List<String> args = new ArrayList<>(List.of("posture"));
            args.addAll(List.of(step));
            args.addAll(List.of("--data", dir));
            Run r = kizuna(args.toArray(String[]::new));
            assertThat(r.exit()).as(step[0]).isEqualTo(2);
        }
        assertThat(Files.readAllLines(AuditLog.file(data))).as("nothing more was audited").hasSize(1);

        // a file without a MAC (by hand, or from before sealed files) is refused the same way
        Files.writeString(postureFile(), sealed.replaceAll(",\\s*\"mac\"\\s*:\\s*\"[0-9a-f]+\"", ""));
        assertThat(Files.readString(postureFile())).doesNotContain("mac");
        Run unsealed = kizuna("posture", "status", "--data", dir);
        assertThat(unsealed.exit()).isEqualTo(2);
        assertThat(unsealed.err()).contains("carries no MAC");

        Files.writeString(postureFile(), sealed);
        assertThat(kizuna("posture", "status", "--data", dir).exit()).as("the sealed content is accepted again").isZero();
    }

    @Test
    void theKeyIsOutsideTheAuditDirectoryAndCanBeElsewhere() throws Exception {
        Path elsewhere = data.resolveSibling(data.getFileName() + "-keys").resolve("node.key");
        String dir = data.toString();
        assertThat(kizuna("posture", "request", "HADR", "--by", "alice", "--data", dir, "--audit-key", elsewhere.toString())
                .exit()).isZero();
        assertThat(elsewhere).exists();
        assertThat(data.resolve("keys")).doesNotExist();
        assertThat(kizuna("audit", "verify", "--data", dir, "--key", elsewhere.toString()).exit()).isZero();
        // the default key does not match the chain: the node's key must be named
        Run wrong = kizuna("posture", "approve", "--by", "bob", "--data", dir);
        assertThat(wrong.exit()).as(wrong.err()).isEqualTo(2);
    }
}
