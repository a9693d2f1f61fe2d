package io.respawn.facts.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SizesTest {

    static Stream<Arguments> written() {
        return Stream.of(
                // binary units
                Arguments.of("512KiB", 512L * 1024),
                Arguments.of("200MiB", 200L * 1024 * 1024),
                Arguments.of("1GiB", 1024L * 1024 * 1024),
                Arguments.of("2TiB", 2L * 1024 * 1024 * 1024 * 1024),
                // a plain byte count
                Arguments.of("1048576", 1_048_576L),
                // zero: no limit
                Arguments.of("0", 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("written")
    void writtenSize_parsesToBytes(String text, long bytes) {
        // given a size as written in a map, when it is parsed, then
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // decimal units are ambiguous, so not accepted
                Arguments.of("256MB", "bad size \"256MB\" (write e.g. 512KiB, 200MiB, 1GiB or a byte count)"),
                // a bare letter
                Arguments.of("256M", "bad size \"256M\" (write e.g. 512KiB, 200MiB, 1GiB or a byte count)"),
                // fractions
                Arguments.of("1.5GiB", "bad size \"1.5GiB\" (write e.g. 512KiB, 200MiB, 1GiB or a byte count)"),
                // negative
                Arguments.of("-1KiB", "must not be negative: \"-1KiB\""),
                // overflow
                Arguments.of("99999999999TiB", "bad size \"99999999999TiB\" (too large)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedSize_isRejectedNamingTheText(String text, String message) {
        // given a size written wrongly, when it is parsed, then the message names it
        assertThatThrownBy(() -> Sizes.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    static Stream<Arguments> percentages() {
        return Stream.of(
                // a whole percentage
                Arguments.of("90%", 90.0),
                // more than one core
                Arguments.of("250%", 250.0),
                // a fraction
                Arguments.of("12.5%", 12.5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("percentages")
    void writtenCpuLimit_parsesToPercent(String text, double percent) {
        // given a CPU limit as written in a map, when it is parsed, then
        assertThat(Percent.parse(text)).isEqualTo(percent);
    }

    static Stream<Arguments> malformedPercentages() {
        return Stream.of(
                // no percent sign
                Arguments.of("90", "bad CPU limit \"90\" (write a percentage, e.g. 90%; 100% is one core busy)"),
                // a fraction of one
                Arguments.of("0.9", "bad CPU limit \"0.9\" (write a percentage, e.g. 90%; 100% is one core busy)"),
                // negative
                Arguments.of("-5%", "must not be negative: \"-5%\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPercentages")
    void malformedCpuLimit_isRejectedNamingTheText(String text, String message) {
        // given a CPU limit written wrongly, when it is parsed, then the message names it
        assertThatThrownBy(() -> Percent.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
