package io.respawn.facts.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DurationsTest {

    static Stream<Arguments> written() {
        return Stream.of(
                // every unit
                Arguments.of("250ms", Duration.ofMillis(250)),
                Arguments.of("3s", Duration.ofSeconds(3)),
                Arguments.of("1m", Duration.ofMinutes(1)),
                Arguments.of("2h", Duration.ofHours(2)),
                // zero is a duration
                Arguments.of("0s", Duration.ZERO),
                // a unit need not be the largest that fits
                Arguments.of("90s", Duration.ofSeconds(90)),
                Arguments.of("1500ms", Duration.ofMillis(1500)),
                // surrounding blanks are not part of the value
                Arguments.of(" 5s ", Duration.ofSeconds(5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("written")
    void writtenDuration_parsesToItsLength(String text, Duration expected) {
        // given a duration as written in a map, when it is parsed, then
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // words for units
                Arguments.of("3 sec", "bad duration \"3 sec\" (write e.g. 250ms, 3s, 1m)"),
                // no unit
                Arguments.of("30", "bad duration \"30\" (write e.g. 250ms, 3s, 1m)"),
                // ISO-8601 is not the map's format
                Arguments.of("PT3S", "bad duration \"PT3S\" (write e.g. 250ms, 3s, 1m)"),
                // fractions are written in a smaller unit
                Arguments.of("1.5s", "bad duration \"1.5s\" (write e.g. 250ms, 3s, 1m)"),
                // two units
                Arguments.of("1m30s", "bad duration \"1m30s\" (write e.g. 250ms, 3s, 1m)"),
                // units are lower case (M could be read as months)
                Arguments.of("1M", "bad duration \"1M\" (write e.g. 250ms, 3s, 1m)"),
                // days are not a unit
                Arguments.of("1d", "bad duration \"1d\" (write e.g. 250ms, 3s, 1m)"),
                // empty
                Arguments.of("", "bad duration \"\" (write e.g. 250ms, 3s, 1m)"),
                // negative
                Arguments.of("-1s", "must not be negative: \"-1s\""),
                // larger than a Duration holds in milliseconds
                Arguments.of("99999999999999999h", "bad duration \"99999999999999999h\" (too long)"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("malformed")
    void malformedDuration_isRejectedNamingTheText(String text, String message) {
        // given a duration written wrongly, when it is parsed, then the message names it
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> formatted() {
        return Stream.of(
                // the largest unit that is exact
                Arguments.of(Duration.ofHours(2), "2h"),
                Arguments.of(Duration.ofMinutes(90), "90m"),
                Arguments.of(Duration.ofSeconds(3), "3s"),
                Arguments.of(Duration.ofMillis(1500), "1500ms"),
                // zero
                Arguments.of(Duration.ZERO, "0s"),
                // negative, as in a message about a measured difference
                Arguments.of(Duration.ofSeconds(-3), "-3s"),
                // finer than a millisecond is dropped
                Arguments.of(Duration.ofNanos(2_500_000), "2ms"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("formatted")
    void duration_formatsInShortestExactForm(Duration duration, String expected) {
        // given a duration, when it is formatted, then
        assertThat(Durations.format(duration)).isEqualTo(expected);
    }

    @Test
    void formattedDuration_parsesBackToItself() {
        // given durations of every unit
        for (Duration d : new Duration[] {Duration.ofMillis(7), Duration.ofSeconds(61), Duration.ofMinutes(120)}) {
            // when formatted and parsed back, then nothing is lost
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
    }
}
