package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * Belief: after the restart {@code restartId}, {@code component} is ready (first
 * heartbeat, first passing probe, or its start-up grace passed without a sign of either
 * being expected). A restart's cure window starts once all its components are ready.
 */
public record Ready(String id, Instant at, ComponentId component, String restartId, String rule,
                    List<String> evidence) implements Fact {
    public Ready {
        Require.notBlank("ready.id", id);
        Require.notNull("ready.at", at);
        Require.notNull("ready.component", component);
        Require.notBlank("ready.restartId", restartId);
        Require.notBlank("ready.rule", rule);
        evidence = Require.list("ready.evidence", evidence);
    }

    public static Ready of(Instant at, ComponentId component, String restartId, String rule, List<String> evidence) {
        return new Ready(DerivedId.of("r", rule, evidence), at, component, restartId, rule, evidence);
    }
}
