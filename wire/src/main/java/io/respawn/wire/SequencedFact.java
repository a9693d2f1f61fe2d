package io.respawn.wire;

import io.respawn.facts.Observation;
import io.respawn.facts.Require;

/** An observation with the agent's sequence number (1, 2, 3, ... within an incarnation). */
public record SequencedFact(long seq, Observation fact) {
    public SequencedFact {
        if (seq < 1) {
            throw new IllegalArgumentException("facts.seq - must be at least 1: " + seq);
        }
        Require.notNull("facts.fact", fact);
    }
}
