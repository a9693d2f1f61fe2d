package io.respawn.facts.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FactJsonTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-27T10:15:02.125Z",   // the form the log writes
        "2028-02-29T23:59:59.999Z",   // a leap day, the last millisecond
        "1970-01-01T00:00:00.000Z",   // the epoch
        "2026-11-27T10:15:02Z",       // no fraction: read by Instant.parse
        "2026-11-27T10:15:02.125456Z" // microseconds: read by Instant.parse
    })
    void parseInstant_agreesWithInstantParse(String text) {
        assertThat(FactJson.parseInstant(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:15:02.125Z", "2026-11-27T24:15:02.125Z", "2026-13-27T10:15:02.125Z",
        "2026-11-27 10:15:02.125Z", "yesterday"})
    void parseInstant_refusesWhatIsNotATime(String text) {
        assertThatThrownBy(() -> FactJson.parseInstant(text)).hasMessageContaining("bad time \"" + text + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T10:15:02.000Z", "2026-11-27T10:15:02.120Z"})
    void format_alwaysWritesThreeFractionDigits(String text) {
        assertThat(FactJson.format(Instant.parse(text))).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    void formatByHand_isTheFormattersText_andLeavesSignedYearsToIt() {
        java.time.format.DateTimeFormatter formatter = java.time.format.DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
        java.util.Random random = new java.util.Random(7);
        int byHand = 0;
        for (int i = 0; i < 50_000; i++) {
            // from before year 0 to after 9999, any nanosecond
            Instant at = Instant.ofEpochSecond(random.nextLong() % 400_000_000_000L, random.nextInt(1_000_000_000));
            StringBuilder text = new StringBuilder();
            if (FactJson.formatTo(text, at)) {
                byHand++;
                assertThat(text.toString()).as("%s", at).isEqualTo(formatter.format(at));
            } else {
                assertThat(text).isEmpty();
            }
            assertThat(FactJson.format(at)).as("%s", at).isEqualTo(formatter.format(at));
        }
        assertThat(byHand).isGreaterThan(1_000);
    }
}
