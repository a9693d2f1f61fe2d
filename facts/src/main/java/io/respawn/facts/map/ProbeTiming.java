package io.respawn.facts.map;

import io.respawn.facts.Require;
import java.time.Duration;

/**
 * When a probe runs.
 *
 * @param interval     time from the start of one run to the start of the next
 * @param timeout      a run that takes longer fails; greater than 0 and at most {@code interval}
 * @param initialDelay wait this long after the component starts before the first run
 * @param jitter       add up to this much random delay to each run, so probes do not run in lockstep
 */
public record ProbeTiming(Duration interval, Duration timeout, Duration initialDelay, Duration jitter) {
    /** interval 5s, timeout 1s, no initial delay, no jitter. */
    public static final ProbeTiming DEFAULT =
            new ProbeTiming(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO);

    public ProbeTiming {
        Require.notNull("probe.interval", interval);
        Require.notNull("probe.timeout", timeout);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("probe.timeout - must be greater than 0: " + timeout);
        }
        if (timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("probe.timeout - must not exceed the interval " + interval + ": "
                    + timeout);
        }
        Require.notNegative("probe.initialDelay", initialDelay);
        Require.notNegative("probe.jitter", jitter);
    }
}
