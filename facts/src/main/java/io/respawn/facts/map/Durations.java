package io.respawn.facts.map;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in a restart map: a whole number and a unit, {@code ms}, {@code s},
 * {@code m} or {@code h} ({@code 250ms}, {@code 3s}, {@code 1m}, {@code 2h}).
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(-?)(\\d+)(ms|s|m|h)");
    private static final long MS_PER_SECOND = 1_000;
    private static final long MS_PER_MINUTE = 60 * MS_PER_SECOND;
    private static final long MS_PER_HOUR = 60 * MS_PER_MINUTE;

    private Durations() {
    }

    /**
     * Reads a duration such as {@code 250ms}, {@code 3s}, {@code 1m} or {@code 2h}.
     *
     * @throws IllegalArgumentException naming the text, as {@code bad duration "3 sec" (write e.g. 250ms, 3s, 1m)}
     *                                  or {@code must not be negative: "-1s"}
     */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad duration " + quote(text) + " (write e.g. 250ms, 3s, 1m)");
        }
        if (!m.group(1).isEmpty()) {
            throw new IllegalArgumentException("must not be negative: " + quote(text));
        }
        try {
            long amount = Long.parseLong(m.group(2));
            return Duration.ofMillis(Math.multiplyExact(amount, msPerUnit(m.group(3))));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad duration " + quote(text) + " (too long)", e);
        }
    }

    /**
     * Writes a duration in the shortest exact form {@link #parse} reads back: {@code 1500ms},
     * {@code 3s}, {@code 1m}, {@code 2h}; {@code 0s} for zero. Precision is the millisecond:
     * anything finer is dropped. A negative duration is written with a leading {@code -}.
     */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        String sign = ms < 0 ? "-" : "";
        long abs = Math.abs(ms);
        if (abs == 0) {
            return "0s";
        }
        if (abs % MS_PER_HOUR == 0) {
            return sign + abs / MS_PER_HOUR + "h";
        }
        if (abs % MS_PER_MINUTE == 0) {
            return sign + abs / MS_PER_MINUTE + "m";
        }
        if (abs % MS_PER_SECOND == 0) {
            return sign + abs / MS_PER_SECOND + "s";
        }
        return sign + abs + "ms";
    }

    private static long msPerUnit(String unit) {
        return switch (unit) {
            case "ms" -> 1;
            case "s" -> MS_PER_SECOND;
            case "m" -> MS_PER_MINUTE;
            case "h" -> MS_PER_HOUR;
            default -> throw new IllegalStateException("unit not in the pattern: " + unit);
        };
    }

    private static String quote(String text) {
        return text == null ? "nothing" : "\"" + text + "\"";
    }
}
