package io.respawn.facts;

import java.time.Instant;

/**
 * The restart map in force from {@code at} on, as YAML text, so that a fact log
 * replays on its own. A log starts with one; a later one records a map change.
 *
 * @param source where the map was read from (a file name), for error messages
 */
public record MapInForce(String id, Instant at, String source, String yaml) implements Observation {
    public MapInForce {
        Require.notBlank("map.id", id);
        Require.notNull("map.at", at);
        Require.notBlank("map.source", source);
        Require.notBlank("map.yaml", yaml);
    }
}
