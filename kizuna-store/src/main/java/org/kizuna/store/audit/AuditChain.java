package org.kizuna.store.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The audit file's line format and hash. One record per line, seven tab-separated fields
 * ({@code seq at kind actor detail prev hash}) with {@code \\}, tab, CR and LF escaped, so the
 * file is readable with standard tools. {@code hash} is HMAC-SHA256 under the node's
 * {@link AuditKey} over the other six fields as written (tab-joined): checking the chain needs
 * the key, and without it nobody can recompute a record. Logs written before the key kept plain
 * SHA-256 over the same text ({@link #unkeyedHash}); they are only read, never continued.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    static String hash(AuditKey key, long seq, Instant at, String kind, String actor, String detail, String prev) {
        return key.chainMac(body(seq, at, kind, actor, detail, prev));
    }

    static String hash(AuditKey key, AuditRecord r) {
        return hash(key, r.seq(), r.at(), r.kind(), r.actor(), r.detail(), r.prev());
    }

    /** The hash of a record of an unkeyed log (before the key): SHA-256 of the same text. */
    static String unkeyedHash(AuditRecord r) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String body = body(r.seq(), r.at(), r.kind(), r.actor(), r.detail(), r.prev());
            return HexFormat.of().formatHex(sha.digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String body(long seq, Instant at, String kind, String actor, String detail, String prev) {
        return seq + "\t" + at + "\t" + escape(kind) + "\t" + escape(actor) + "\t" + escape(detail) + "\t" + prev;
    }

    static String line(AuditRecord r) {
        return r.seq() + "\t" + r.at() + "\t" + escape(r.kind()) + "\t" + escape(r.actor()) + "\t" + escape(r.detail())
                + "\t" + r.prev() + "\t" + r.hash();
    }

    /** Parses one line; an IAE names what is wrong. */
    static AuditRecord parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("expected 7 fields, found " + f.length);
        }
        try {
            return new AuditRecord(Long.parseLong(f[0]), Instant.parse(f[1]), unescape(f[2]), unescape(f[3]),
                    unescape(f[4]), f[5], f[6]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable record: " + e.getMessage(), e);
        }
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw new IllegalArgumentException("dangling escape");
            }
            switch (s.charAt(i)) {
                case '\\' -> b.append('\\');
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                default -> throw new IllegalArgumentException("unknown escape \\" + s.charAt(i));
            }
        }
        return b.toString();
    }
}
