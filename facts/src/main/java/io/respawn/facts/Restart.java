package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * Decision: restart {@code group} (stop every component below it, start them again in
 * {@code after:} order) because {@code component} failed ({@code failure} is that
 * failure's id).
 */
public record Restart(String id, Instant at, GroupId group, ComponentId component, String failure, String rule,
                      List<String> evidence) implements Decision {
    public Restart {
        Require.notBlank("restart.id", id);
        Require.notNull("restart.at", at);
        Require.notNull("restart.group", group);
        Require.notNull("restart.component", component);
        Require.notBlank("restart.failure", failure);
        Require.notBlank("restart.rule", rule);
        evidence = Require.list("restart.evidence", evidence);
    }

    public static Restart of(Instant at, GroupId group, ComponentId component, String failure, String rule,
                             List<String> evidence) {
        return new Restart(DerivedId.of("d", rule, evidence), at, group, component, failure, rule, evidence);
    }
}
