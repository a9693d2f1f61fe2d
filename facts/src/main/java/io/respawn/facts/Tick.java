package io.respawn.facts;

import java.time.Instant;

/** The engine's clock moved on while nothing else arrived. Carries no other data. */
public record Tick(String id, Instant at) implements Observation {
    public Tick {
        Require.notBlank("tick.id", id);
        Require.notNull("tick.at", at);
    }
}
