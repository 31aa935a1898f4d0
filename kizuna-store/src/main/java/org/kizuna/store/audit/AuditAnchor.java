package org.kizuna.store.audit;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operator keeps off the host to detect a truncated or rewritten log: the number of
 * records and the hash of the last one, written {@code COUNT:HASH} ({@code kizuna audit anchor}).
 * A later log must still hold record {@code records}, with this hash.
 */
public record AuditAnchor(long records, String head) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,18}):([0-9a-f]{64})");

    public AuditAnchor {
        Objects.requireNonNull(head, "head");
        if (records < 0 || !head.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("an anchor is a record count and a 64-digit hex hash");
        }
    }

    /** Reads {@code COUNT:HASH}; an IAE says what was expected. */
    public static AuditAnchor parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected COUNT:HASH (as kizuna audit anchor prints it), got '" + text + "'");
        }
        return new AuditAnchor(Long.parseLong(m.group(1)), m.group(2));
    }

    @Override
    public String toString() {
        return records + ":" + head;
    }
}
