package io.respawn.facts.log;

import io.respawn.facts.Observation;

/** One fact read from a log, with the line it stood on (1-based). */
public record LogEntry(long line, Observation fact) {
}
