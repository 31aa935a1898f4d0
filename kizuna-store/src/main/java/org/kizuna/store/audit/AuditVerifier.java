package org.kizuna.store.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a whole audit file: every line parses, numbers run 1, 2, 3, ..., each record names the
 * previous record's hash and its own hash matches its content. Reports the first broken record.
 */
public final class AuditVerifier {

    /**
     * The outcome.
     *
     * @param records    records read and found intact before the first broken one
     * @param brokenLine 0 when the chain is intact, else the line number (from 1) of the first broken record
     * @param reason     empty when intact
     */
    public record Verification(long records, long brokenLine, String reason) {
        public boolean intact() {
            return brokenLine == 0;
        }
    }

    private AuditVerifier() {
    }

    public static Verification verify(Path file) throws IOException {
        long expected = 1;
        String prev = AuditChain.GENESIS;
        long lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                AuditRecord r;
                try {
                    r = AuditChain.parse(line);
                } catch (IllegalArgumentException e) {
                    return new Verification(expected - 1, lineNo, e.getMessage());
                }
                String problem = problem(r, expected, prev);
                if (problem != null) {
                    return new Verification(expected - 1, lineNo, "record " + r.seq() + ": " + problem);
                }
                expected++;
                prev = r.hash();
            }
        }
        return new Verification(expected - 1, 0, "");
    }

    private static String problem(AuditRecord r, long expected, String prev) {
        if (r.seq() != expected) {
            return "expected number " + expected;
        }
        if (!r.prev().equals(prev)) {
            return "does not follow the record before it (a record was removed, inserted or reordered)";
        }
        String hash = AuditChain.hash(r.seq(), r.at(), r.kind(), r.actor(), r.detail(), r.prev());
        if (!hash.equals(r.hash())) {
            return "its content does not match its hash (it was changed)";
        }
        return null;
    }
}
