package io.respawn.facts.map;

import io.respawn.facts.Require;
import java.time.Duration;

/**
 * A restart group's back-off: while it keeps failing, each restart of the group within its
 * restart-intensity period waits twice as long as the one before, starting at
 * {@code initial}, never longer than {@code max}. {@code initial} 0 is no back-off.
 */
public record Backoff(Duration initial, Duration max) {
    public static final Backoff NONE = new Backoff(Duration.ZERO, Duration.ZERO);

    public Backoff {
        Require.notNegative("backoff.initial", initial);
        Require.notNegative("backoff.max", max);
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff.max - must not be less than initial "
                    + Durations.format(initial) + ": " + Durations.format(max));
        }
    }
}
