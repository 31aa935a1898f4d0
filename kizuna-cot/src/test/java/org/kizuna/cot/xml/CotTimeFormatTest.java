package org.kizuna.cot.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CotTimeFormatTest {

    @ParameterizedTest
    @CsvSource({
        "2026-11-26T05:42:11.412Z,      2026-11-26T05:42:11.412Z",
        "2026-11-26T05:42:11Z,          2026-11-26T05:42:11Z",
        "2026-11-26T05:42:11.4Z,        2026-11-26T05:42:11.400Z",
        "2026-11-26T05:42:11.41299999Z, 2026-11-26T05:42:11.412Z",
        "'2026-11-26T05:42:11,5Z',      2026-11-26T05:42:11.500Z",
        "2026-11-26t05:42:11z,          2026-11-26T05:42:11Z",
        "2026-11-26T05:42:11,           2026-11-26T05:42:11Z",
        "2026-11-26T14:42:11.412+09:00, 2026-11-26T05:42:11.412Z",
        "2026-11-26T14:42:11+0900,      2026-11-26T05:42:11Z",
        "2026-11-26T00:42:11-05,        2026-11-26T05:42:11Z",
        "2024-02-29T23:59:59.999Z,      2024-02-29T23:59:59.999Z",
        "1970-01-01T00:00:00Z,          1970-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999Z,      9999-12-31T23:59:59.999Z",
        "2000-03-01T00:00:00Z,          2000-03-01T00:00:00Z",
    })
    void parsesLeniently(String text, String expected) {
        assertThat(CotTimeFormat.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-11-26", "2026-11-26 05:42:11Z", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T05:60:00Z", "2026-11-26T05:42:60Z",
        "2026-11-26T05:42:11.Z", "2026-11-26T05:42:11ZZ", "2026-11-26T05:42:11+19:00", "2026-11-26T05:42:11+09:0",
        "+2026-11-26T05:42:11Z", "26-11-26T05:42:11Z", "1969-12-31T23:59:59.999Z", "1970-01-01T00:30:00+01:00",
        "2026-11-26T05:42:11.412Z garbage", "２０２６-11-26T05:42:11Z"})
    void refusesWhatIsNotATime(String text) {
        assertThatThrownBy(() -> CotTimeFormat.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-26T05:42:11.412Z,    2026-11-26T05:42:11.412Z",
        "2026-11-26T05:42:11Z,        2026-11-26T05:42:11.000Z",
        "2026-11-26T05:42:11.412999Z, 2026-11-26T05:42:11.412Z",
        "1970-01-01T00:00:00Z,        1970-01-01T00:00:00.000Z",
        "1969-12-31T23:59:59.999Z,    1969-12-31T23:59:59.999Z",
        "0001-01-01T00:00:00Z,        0001-01-01T00:00:00.000Z",
        "9999-12-31T23:59:59.999Z,    9999-12-31T23:59:59.999Z",
        "+10000-01-01T00:00:00Z,      +10000-01-01T00:00:00.000Z",
        "2024-02-29T12:00:00.050Z,    2024-02-29T12:00:00.050Z",
    })
    void formatsUtcWithThreeFractionDigits(String instant, String expected) {
        assertThat(CotTimeFormat.format(Instant.parse(instant))).isEqualTo(expected);
    }

    @Test
    void formatAndParseAgreeWithJavaTimeAcrossTheCalendar() {
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        // A week and an odd hour per step: every weekday, month, leap rule and time of day gets hit.
        for (long ms = 0; ms < CotTimeFormat.MAX_MILLIS; ms += 86_400_000L * 7 + 3_599_999L) {
            Instant t = Instant.ofEpochMilli(ms);
            assertThat(CotTimeFormat.format(t)).isEqualTo(reference.format(t));
            assertThat(CotTimeFormat.parse(CotTimeFormat.format(t))).isEqualTo(t);
        }
    }
}
