package org.kizuna.app.posture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.Kizuna;
import org.kizuna.store.audit.AuditLog;
import picocli.CommandLine;

/** {@code kizuna posture} and {@code kizuna audit verify} as an administrator uses them. */
class PostureCommandTest {

    @TempDir
    Path data;

    private record Run(int exit, String out, String err) {
    }

    private Run kizuna(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Kizuna()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

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
}
