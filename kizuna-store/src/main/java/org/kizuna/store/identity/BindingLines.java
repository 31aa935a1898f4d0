package org.kizuna.store.identity;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The journal's line format: {@code bound UID OWNER AT} or {@code released UID OWNER BY AT},
 * tab-separated, one record per line; lines starting with {@code #} are comments. In text fields
 * {@code \\}, tab, LF and CR are escaped, so no uid (a CoT {@code uid="a&#10;bound..."} arrives
 * here with a real newline) can end a line or add a field; a lone surrogate is written as
 * {@code \\uXXXX} so that every Java string comes back as it went in.
 */
final class BindingLines {

    static final String BOUND = "bound";
    static final String RELEASED = "released";

    private BindingLines() {
    }

    static String line(BindingRecord r) {
        if (r instanceof BindingRecord.Bound b) {
            return BOUND + "\t" + escape(b.uid()) + "\t" + escape(b.owner()) + "\t" + b.at();
        }
        BindingRecord.Released x = (BindingRecord.Released) r;
        return RELEASED + "\t" + escape(x.uid()) + "\t" + escape(x.owner()) + "\t" + escape(x.by()) + "\t" + x.at();
    }

    /** One line without its newline; an IAE says what is wrong with it. */
    static BindingRecord parse(String line) {
        String[] f = line.split("\t", -1);
        try {
            switch (f[0]) {
                case BOUND -> {
                    fields(f, 4);
                    return new BindingRecord.Bound(unescape(f[1]), unescape(f[2]), Instant.parse(f[3]));
                }
                case RELEASED -> {
                    fields(f, 5);
                    return new BindingRecord.Released(unescape(f[1]), unescape(f[2]), unescape(f[3]), Instant.parse(f[4]));
                }
                default -> throw new IllegalArgumentException("unknown record '" + f[0] + "'");
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable time: " + e.getParsedString(), e);
        }
    }

    private static void fields(String[] f, int expected) {
        if (f.length != expected) {
            throw new IllegalArgumentException(f[0] + " needs " + expected + " fields, found " + f.length);
        }
    }

    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> loneSurrogate(s, i) ? String.format("\\u%04X", (int) c) : null;
            };
            if (replacement != null && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (replacement != null) {
                    b.append(replacement);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    private static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
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
                case 'u' -> {
                    if (i + 4 >= s.length()) {
                        throw new IllegalArgumentException("short \\u escape");
                    }
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + s.charAt(i));
            }
        }
        return b.toString();
    }
}
