package io.respawn.facts.map;

import io.respawn.facts.Require;
import java.time.Duration;

/**
 * How a component sends heartbeats: one every {@code interval}; silence longer than
 * {@code timeout} is a failure.
 */
public record HeartbeatSettings(Duration interval, Duration timeout) {
    public HeartbeatSettings {
        Require.notNull("heartbeat.interval", interval);
        Require.notNull("heartbeat.timeout", timeout);
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("heartbeat.interval - must be greater than 0: " + interval);
        }
        if (timeout.compareTo(interval) <= 0) {
            throw new IllegalArgumentException("heartbeat.timeout - must be greater than the interval "
                    + interval + ": " + timeout);
        }
    }
}
