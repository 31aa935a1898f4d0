package org.kizuna.store.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A log written before records were keyed (plain SHA-256 chain). On the first keyed open it is
 * kept aside, read-only, as {@code audit.log.unkeyed-TIMESTAMP}, and the new chain's first record
 * ({@link #KIND}) names that file, its record count and its head hash: from then on the old
 * log's content is protected by the keyed chain, though it never was by its own.
 */
final class UnkeyedLog {

    /** The kind of the first record of a chain that continues an unkeyed log. */
    static final String KIND = "audit-keyed";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern CONTINUES = Pattern.compile(
            "continues the unkeyed log (audit\\.log\\.unkeyed-\\d{8}T\\d{6}Z): (\\d+) records, head ([0-9a-f]{64})");

    /** What the first keyed record says of the log it continues. */
    record Continued(String fileName, long records, String head) {
    }

    private UnkeyedLog() {
    }

    /** True when {@code first} opens a chain of the unkeyed format that this key did not write. */
    static boolean opens(AuditRecord first, AuditKey key) {
        return first.seq() == 1 && first.prev().equals(AuditChain.GENESIS)
                && AuditChain.unkeyedHash(first).equals(first.hash())
                && !AuditChain.hash(key, first).equals(first.hash());
    }

    static String asideName(Instant at) {
        return "audit.log.unkeyed-" + STAMP.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    static String continuation(Continued c) {
        return "continues the unkeyed log " + c.fileName() + ": " + c.records() + " records, head " + c.head();
    }

    /** The log {@code first} continues, when it is the record a keyed open wrote. */
    static Optional<Continued> continued(AuditRecord first) {
        if (first.seq() != 1 || !first.kind().equals(KIND)) {
            return Optional.empty();
        }
        Matcher m = CONTINUES.matcher(first.detail());
        return m.matches() ? Optional.of(new Continued(m.group(1), Long.parseLong(m.group(2)), m.group(3)))
                : Optional.empty();
    }
}
