package io.respawn.engine.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a replay went through.
 *
 * @param facts         facts read from the log (the header and comments not counted)
 * @param skipped       lines skipped as unreadable (only with skipping enabled)
 * @param decisionsByType decisions made, by type, in first-seen order
 * @param first         time of the first fact
 * @param last          time of the last fact: the simulated span is {@code last - first}
 * @param wall          how long the replay took
 */
public record ReplaySummary(long facts, long skipped, Map<String, Integer> decisionsByType, Instant first,
                            Instant last, Duration wall) {
    public Duration simulated() {
        return first == null ? Duration.ZERO : Duration.between(first, last);
    }

    /** Simulated time over wall time: how many times faster than real time the replay ran. */
    public double speedup() {
        long wallNanos = Math.max(1, wall.toNanos());
        return simulated().toNanos() / (double) wallNanos;
    }

    public int decisions() {
        return decisionsByType.values().stream().mapToInt(Integer::intValue).sum();
    }
}
