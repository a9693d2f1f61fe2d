package io.respawn.facts;

import java.time.Duration;
import java.util.List;

/**
 * Constructor checks for fact and map types. Every message names the field and
 * the offending value, so a bad line in a fact log reads as
 * {@code heartbeat.seq - must not be negative: -3}.
 */
public final class Require {
    private Require() {
    }

    public static String notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " - must not be blank: " + quote(value));
        }
        return value;
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " - is required");
        }
        return value;
    }

    public static long notNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " - must not be negative: " + value);
        }
        return value;
    }

    public static double notNegative(String field, double value) {
        if (value < 0 || Double.isNaN(value)) {
            throw new IllegalArgumentException(field + " - must not be negative: " + value);
        }
        return value;
    }

    public static Duration notNegative(String field, Duration value) {
        notNull(field, value);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " - must not be negative: " + value);
        }
        return value;
    }

    public static <T> List<T> list(String field, List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
