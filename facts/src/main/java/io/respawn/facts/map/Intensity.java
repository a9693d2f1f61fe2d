package io.respawn.facts.map;

import io.respawn.facts.Require;
import java.time.Duration;

/**
 * A restart group's restart intensity, as in OTP: at most {@code restarts} restarts within
 * {@code period}; one more escalates to the enclosing group.
 */
public record Intensity(int restarts, Duration period) {
    public Intensity {
        if (restarts < 1) {
            throw new IllegalArgumentException("intensity.restarts - must be at least 1: " + restarts);
        }
        Require.notNull("intensity.period", period);
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("intensity.period - must be greater than 0: " + period);
        }
    }
}
