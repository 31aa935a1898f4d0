package org.kizuna.cot.xml;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * CoT timestamps: ISO-8601 read leniently, written as UTC with exactly three fractional digits.
 *
 * <p>Hand-written rather than {@link DateTimeFormatter} because every event carries three times and
 * the codecs run on the event loop; the calendar arithmetic is the usual days-from-civil algorithm.
 */
final class CotTimeFormat {

    /** Earliest accepted time: TAK protocol times are unsigned milliseconds since the epoch. */
    static final long MIN_MILLIS = 0L;
    /** Latest accepted time, 9999-12-31T23:59:59.999Z: the last one with a four-digit year. */
    static final long MAX_MILLIS = 253_402_300_799_999L;

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final DateTimeFormatter OUT_OF_RANGE = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private CotTimeFormat() {
    }

    /**
     * Parses {@code 2026-11-26T05:42:11.412Z}, with or without a fraction (any number of digits,
     * truncated to milliseconds) and with {@code Z}, an offset ({@code +09:00}, {@code +0900},
     * {@code +09}) or no zone at all (read as UTC, as some gateways send it).
     *
     * @throws IllegalArgumentException when {@code text} is not such a time or lies outside
     *                                  1970..9999
     */
    static Instant parse(String text) {
        Cursor c = new Cursor(text);
        int year = c.digits(4);
        c.expect('-');
        int month = c.digits(2);
        c.expect('-');
        int day = c.digits(2);
        c.expectEither('T', 't');
        int hour = c.digits(2);
        c.expect(':');
        int minute = c.digits(2);
        c.expect(':');
        int second = c.digits(2);
        int millis = c.fractionMillis();
        int offsetSeconds = c.zoneOffsetSeconds();
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59) {
            throw new IllegalArgumentException("not a valid date and time: '" + XmlChars.excerpt(text) + "'");
        }
        long seconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        long epochMillis = seconds * 1000L + millis;
        if (epochMillis < MIN_MILLIS || epochMillis > MAX_MILLIS) {
            throw new IllegalArgumentException("time outside 1970..9999: '" + XmlChars.excerpt(text) + "'");
        }
        return Instant.ofEpochMilli(epochMillis);
    }

    /** Appends {@code t} as {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, truncated to milliseconds. */
    static void append(StringBuilder out, Instant t) {
        long epochMillis;
        try {
            epochMillis = t.toEpochMilli();
        } catch (ArithmeticException tooFar) {
            out.append(OUT_OF_RANGE.format(t));
            return;
        }
        if (epochMillis < -62_167_219_200_000L || epochMillis > MAX_MILLIS) {
            // Before year 0 or after 9999: rare enough for the general formatter.
            out.append(OUT_OF_RANGE.format(t));
            return;
        }
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int msOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        appendDate(out, day);
        out.append('T');
        pad(out, msOfDay / 3_600_000, 2);
        out.append(':');
        pad(out, msOfDay / 60_000 % 60, 2);
        out.append(':');
        pad(out, msOfDay / 1000 % 60, 2);
        out.append('.');
        pad(out, msOfDay % 1000, 3);
        out.append('Z');
    }

    static String format(Instant t) {
        StringBuilder sb = new StringBuilder(24);
        append(sb, t);
        return sb.toString();
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (years 0..9999). */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }

    /** The inverse of {@link #epochDay}, appended as {@code yyyy-MM-dd}. */
    private static void appendDate(StringBuilder out, long epochDay) {
        long z = epochDay + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        int dayOfEra = (int) (z - era * 146_097L);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int mp = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        pad(out, (int) year, 4);
        out.append('-');
        pad(out, month, 2);
        out.append('-');
        pad(out, day, 2);
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    private static void pad(StringBuilder out, int value, int width) {
        for (int limit = 10, w = 1; w < width; w++, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        out.append(value);
    }

    /** Reads a time string left to right; every mismatch is an IllegalArgumentException. */
    private static final class Cursor {
        private final String text;
        private int pos;

        Cursor(String text) {
            this.text = text;
        }

        int digits(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                value = value * 10 + digit();
            }
            return value;
        }

        void expect(char c) {
            expectEither(c, c);
        }

        void expectEither(char a, char b) {
            char c = pos < text.length() ? text.charAt(pos) : 0;
            if (c != a && c != b) {
                throw fail();
            }
            pos++;
        }

        /** An optional fraction after {@code .} or {@code ,}, truncated to milliseconds. */
        int fractionMillis() {
            if (pos >= text.length() || (text.charAt(pos) != '.' && text.charAt(pos) != ',')) {
                return 0;
            }
            pos++;
            int millis = 0;
            int count = 0;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                if (count < 3) {
                    millis = millis * 10 + (text.charAt(pos) - '0');
                }
                count++;
                pos++;
            }
            if (count == 0) {
                throw fail();
            }
            for (int i = count; i < 3; i++) {
                millis *= 10;
            }
            return millis;
        }

        /** {@code Z}, {@code ±HH:MM}, {@code ±HHMM}, {@code ±HH} or nothing (UTC); then the end. */
        int zoneOffsetSeconds() {
            if (pos == text.length()) {
                return 0;
            }
            char c = text.charAt(pos++);
            if ((c == 'Z' || c == 'z') && pos == text.length()) {
                return 0;
            }
            if (c != '+' && c != '-') {
                throw fail();
            }
            int hours = digits(2);
            int minutes = 0;
            if (pos < text.length()) {
                if (text.charAt(pos) == ':') {
                    pos++;
                }
                minutes = digits(2);
            }
            if (pos != text.length() || hours > 18 || minutes > 59) {
                throw fail();
            }
            int seconds = hours * 3600 + minutes * 60;
            return c == '-' ? -seconds : seconds;
        }

        private int digit() {
            if (pos >= text.length() || !isDigit(text.charAt(pos))) {
                throw fail();
            }
            return text.charAt(pos++) - '0';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private IllegalArgumentException fail() {
            return new IllegalArgumentException("not an ISO-8601 time: '" + XmlChars.excerpt(text) + "'");
        }
    }
}
