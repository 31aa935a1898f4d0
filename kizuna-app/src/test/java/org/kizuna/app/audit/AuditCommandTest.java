package org.kizuna.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kizuna.app.testing.KizunaCli.kizuna;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kizuna.app.testing.KizunaCli.Run;
import org.kizuna.store.audit.AuditKey;
import org.kizuna.store.audit.AuditLog;

/**
 * {@code kizuna audit anchor} and {@code verify --expect} as an operator uses them, on a log the
 * posture commands wrote: the attacks the unkeyed chain let through (truncation, records deleted
 * and the chain recomputed) now fail, naming the record.
 */
class AuditCommandTest {

    @TempDir
    Path data;

    /** Six records: three requests, three cancels. */
    @BeforeEach
    void sixRecords() {
        for (String posture : List.of("HADR", "GRAY_ZONE", "CONTINGENCY")) {
            assertThat(kizuna("posture", "request", posture, "--by", "alice", "--data", data.toString()).exit()).isZero();
            assertThat(kizuna("posture", "cancel", "--by", "bob", "--data", data.toString()).exit()).isZero();
        }
    }

    private String anchor() {
        Run anchor = kizuna("audit", "anchor", "--data", data.toString());
        assertThat(anchor.exit()).as(anchor.err()).isZero();
        String first = anchor.out().lines().findFirst().orElseThrow();
        assertThat(first).matches("6:[0-9a-f]{64}");
        assertThat(anchor.out()).contains("intact: 6 records").contains("keep the line above off this host");
        return first;
    }

    @Test
    void anIntactLogHoldsItsAnchorAsItGrows() {
        String anchor = anchor();
        assertThat(kizuna("audit", "verify", "--data", data.toString(), "--expect", anchor).exit()).isZero();
        kizuna("posture", "request", "HADR", "--by", "carol", "--data", data.toString());
        Run grown = kizuna("audit", "verify", "--data", data.toString(), "--expect", anchor);
        assertThat(grown.exit()).isZero();
        assertThat(grown.out()).contains("intact: 7 records").contains("holding anchor " + anchor);
    }

    /** Before: truncating the log still verified. */
    @Test
    void aTruncatedLogFailsAgainstItsAnchor() throws Exception {
        String anchor = anchor();
        Path log = AuditLog.file(data);
        Files.write(log, Files.readAllLines(log).subList(0, 4), StandardCharsets.UTF_8);
        assertThat(kizuna("audit", "verify", "--data", data.toString()).exit()).as("without the anchor").isZero();
        Run v = kizuna("audit", "verify", "--data", data.toString(), "--expect", anchor);
        assertThat(v.exit()).isEqualTo(2);
        assertThat(v.err()).contains("BROKEN at line 5").contains("record 5 is missing").contains("truncated");
    }

    /** Before: deleting the posture records and recomputing the SHA-256 chain still verified. */
    @Test
    void recordsDeletedAndTheChainRecomputedWithoutTheKeyFail() throws Exception {
        Path log = AuditLog.file(data);
        List<String[]> kept = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.contains("CONTINGENCY")) {
                kept.add(line.split("\t", -1));
            }
        }
        List<String> forged = new ArrayList<>();
        String prev = "0".repeat(64);
        for (int i = 0; i < kept.size(); i++) {
            String[] f = kept.get(i);
            String body = (i + 1) + "\t" + f[1] + "\t" + f[2] + "\t" + f[3] + "\t" + f[4] + "\t" + prev;
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
            forged.add(body + "\t" + hash);
            prev = hash;
        }
        Files.write(log, forged, StandardCharsets.UTF_8);
        Run v = kizuna("audit", "verify", "--data", data.toString());
        assertThat(v.exit()).isEqualTo(2);
        assertThat(v.err()).contains("BROKEN at line 1").contains("record 1").contains("without the key");
    }

    @Test
    void editedRemovedAndReorderedRecordsAreNamed() throws Exception {
        Path log = AuditLog.file(data);
        List<String> original = Files.readAllLines(log);

        List<String> edited = new ArrayList<>(original);
        edited.set(2, edited.get(2).replace("\talice\t", "\tmallory\t"));
        assertBroken(log, edited, 3);

        List<String> removed = new ArrayList<>(original);
        removed.remove(3);
        assertBroken(log, removed, 4);

        List<String> reordered = new ArrayList<>(original);
        reordered.set(1, original.get(2));
        reordered.set(2, original.get(1));
        assertBroken(log, reordered, 2);
    }

    private void assertBroken(Path log, List<String> lines, int line) throws Exception {
        Files.write(log, lines, StandardCharsets.UTF_8);
        Run v = kizuna("audit", "verify", "--data", data.toString());
        assertThat(v.exit()).isEqualTo(2);
        assertThat(v.err()).contains("BROKEN at line " + line);
    }

    @Test
    void theKeyIsNeededAndFoundAsTheNodeFindsIt() throws Exception {
        Path key = AuditKey.defaultFile(data);
        Path moved = data.resolveSibling(data.getFileName() + "-secrets").resolve("audit.key");
        Files.createDirectories(moved.getParent());
        Files.move(key, moved);

        Run missing = kizuna("audit", "verify", "--data", data.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("the audit key is needed").contains(key.toString()).contains("--key FILE");

        assertThat(kizuna("audit", "verify", "--data", data.toString(), "--key", moved.toString()).exit()).isZero();
        Path config = Files.writeString(data.resolveSibling(data.getFileName() + ".yaml"),
                "audit: {keyFile: " + moved + "}\n");
        assertThat(kizuna("audit", "verify", "--data", data.toString(), "--config", config.toString()).exit()).isZero();
        assertThat(kizuna("audit", "anchor", "--data", data.toString(), "--config", config.toString()).exit()).isZero();
    }

    @Test
    void usageErrorsExitOne() {
        assertThat(kizuna("audit", "verify", "--data", data.toString(), "--expect", "six").err()).contains("COUNT:HASH");
        assertThat(kizuna("audit", "verify", "--data", data.toString(), "--expect", "six").exit()).isEqualTo(1);
        assertThat(kizuna("audit", "check", "--data", data.toString()).exit()).isEqualTo(1);
    }
}
