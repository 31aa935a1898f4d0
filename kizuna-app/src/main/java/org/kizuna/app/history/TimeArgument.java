package org.kizuna.app.history;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kizuna.store.InvalidQueryException;

/**
 * A time on the command line: an ISO-8601 instant ({@code 2026-11-26T09:00:00Z}), {@code now},
 * or a time ago ({@code -90s}, {@code -30m}, {@code -2h}, {@code -7d}).
 */
final class TimeArgument {

    private static final Pattern AGO = Pattern.compile("-(\\d{1,9})(s|m|h|d)");

    private TimeArgument() {
    }

    static Instant parse(String option, String text, Instant now) {
        if (text == null) {
            return null;
        }
        if (text.equals("now")) {
            return now;
        }
        Matcher m = AGO.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(option, "expected an instant like 2026-11-26T09:00:00Z, 'now' or -2h, got '"
                    + text + "'");
        }
    }
}
