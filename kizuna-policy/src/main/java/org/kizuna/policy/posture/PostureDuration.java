package org.kizuna.policy.posture;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long a requested posture lasts, as admins write it: {@code 30m}, {@code 6h}, {@code 2d}. */
public final class PostureDuration {

    /** Up to six digits: a posture for longer than about 2,700 years is a typing mistake. */
    private static final Pattern FORM = Pattern.compile("([1-9]\\d{0,5})(m|h|d)");

    private PostureDuration() {
    }

    /** @throws IllegalArgumentException for anything but a positive count of minutes, hours or days */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 30m, 6h or 2d, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
