package org.kizuna.store.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks a whole audit file with the node's key: every line parses, numbers run 1, 2, 3, ...,
 * each record names the previous record's hash and its own hash is the key's HMAC of its content.
 * Given an {@link AuditAnchor} kept off the host, record {@code COUNT} must still be there with
 * the anchored hash (a truncated log, or one rewritten by someone holding the key, fails).
 * A chain that continues an unkeyed log checks that log too, against the count and head hash
 * its first record names. Reports the first broken record.
 */
public final class AuditVerifier {

    /**
     * The outcome.
     *
     * @param records    records read and found intact before the first broken one
     * @param head       the hash of the last intact record (64 zeros for none)
     * @param brokenLine 0 when the chain is intact, else the line number (from 1) of the first broken record
     * @param reason     empty when intact
     * @param notes      what an operator should know of an intact chain (the unkeyed log it continues)
     */
    public record Verification(long records, String head, long brokenLine, String reason, List<String> notes) {

        public Verification {
            notes = List.copyOf(notes);
        }

        public boolean intact() {
            return brokenLine == 0;
        }

        /** The anchor to keep off the host: count and head of the intact records. */
        public AuditAnchor anchor() {
            return new AuditAnchor(records, head);
        }
    }

    private AuditVerifier() {
    }

    public static Verification verify(Path file, AuditKey key) throws IOException {
        return verify(file, key, null);
    }

    /** @param expect an anchor taken earlier, or null */
    public static Verification verify(Path file, AuditKey key, AuditAnchor expect) throws IOException {
        List<String> notes = new ArrayList<>();
        Verification v = scan(file, r -> AuditChain.hash(key, r), expect, first -> predecessor(file, first, notes));
        if (!v.intact()) {
            return v;
        }
        if (expect != null && v.records() < expect.records()) {
            return new Verification(v.records(), v.head(), v.records() + 1, "record " + (v.records() + 1)
                    + " is missing: the anchor names " + expect.records() + " records, the log holds " + v.records()
                    + " (it was truncated)", List.of());
        }
        return new Verification(v.records(), v.head(), 0, "", notes);
    }

    /** Checks the unkeyed log the first record names, if it names one; the problem, or null. */
    private static String predecessor(Path file, AuditRecord first, List<String> notes) {
        Optional<UnkeyedLog.Continued> c = UnkeyedLog.continued(first);
        if (c.isEmpty()) {
            return null;
        }
        Path old = file.resolveSibling(c.get().fileName());
        if (!Files.isRegularFile(old)) {
            return "the unkeyed log it continues, " + old + ", is missing";
        }
        Verification v;
        try {
            v = scan(old, AuditChain::unkeyedHash, null, r -> null);
        } catch (IOException e) {
            return "the unkeyed log it continues, " + old + ", cannot be read: " + e.getMessage();
        }
        if (!v.intact() || v.records() != c.get().records() || !v.head().equals(c.get().head())) {
            return "the unkeyed log it continues, " + old + ", was changed since (it names " + c.get().records()
                    + " records with head " + c.get().head() + "; the file " + (v.intact() ? "holds " + v.records()
                    + " with head " + v.head() : "breaks at line " + v.brokenLine() + ": " + v.reason()) + ")";
        }
        notes.add("record 1 continues the unkeyed log " + old + " (" + v.records() + " records, head " + v.head()
                + "): kept as it was when records became keyed; its own chain was never tamper-evident");
        return null;
    }

    private static Verification scan(Path file, Function<AuditRecord, String> hashOf, AuditAnchor expect,
                                     Function<AuditRecord, String> firstCheck) throws IOException {
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
                    return broken(expected, prev, lineNo, "record " + expected + " is unreadable: " + e.getMessage());
                }
                String problem = problem(r, expected, prev, hashOf);
                if (problem == null && expected == 1) {
                    problem = firstCheck.apply(r);
                }
                if (problem == null && expect != null && r.seq() == expect.records() && !r.hash().equals(expect.head())) {
                    problem = "its hash differs from the anchor's (the log was rewritten up to here)";
                }
                if (problem != null) {
                    return broken(expected, prev, lineNo, "record " + r.seq() + ": " + problem);
                }
                expected++;
                prev = r.hash();
            }
        }
        return new Verification(expected - 1, prev, 0, "", List.of());
    }

    private static Verification broken(long expected, String prev, long lineNo, String reason) {
        return new Verification(expected - 1, prev, lineNo, reason, List.of());
    }

    private static String problem(AuditRecord r, long expected, String prev, Function<AuditRecord, String> hashOf) {
        if (r.seq() != expected) {
            return "expected number " + expected + " (a record was removed, inserted or reordered)";
        }
        if (!r.prev().equals(prev)) {
            return "does not follow the record before it (a record was removed, inserted or reordered)";
        }
        if (!hashOf.apply(r).equals(r.hash())) {
            return "its hash is not the key's for its content (it was changed, or recomputed without the key)";
        }
        return null;
    }
}
