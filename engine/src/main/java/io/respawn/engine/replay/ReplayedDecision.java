package io.respawn.engine.replay;

import io.respawn.facts.Decision;

/**
 * A decision made during a replay, with the log line of the fact whose arrival led to
 * it: the fact itself, or, for a decision made when a timer ran out, the first fact
 * after the timer's due time (0 when the log ended first).
 */
public record ReplayedDecision(Decision decision, long line) {
}
