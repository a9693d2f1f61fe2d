package io.respawn.wire;

import io.respawn.facts.Require;
import java.util.List;

/** Observations from an agent, in sequence order. */
public record FactBatch(List<SequencedFact> facts) implements Frame {
    public FactBatch {
        facts = Require.list("facts.facts", facts);
    }
}
