package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * Decision: tell a human about {@code component} without restarting anything, e.g. a
 * probe that keeps failing to run (ERROR) and so says nothing about the component.
 */
public record Alert(String id, Instant at, ComponentId component, String reason, String rule,
                    List<String> evidence) implements Decision {
    public Alert {
        Require.notBlank("alert.id", id);
        Require.notNull("alert.at", at);
        Require.notNull("alert.component", component);
        Require.notBlank("alert.reason", reason);
        Require.notBlank("alert.rule", rule);
        evidence = Require.list("alert.evidence", evidence);
    }

    public static Alert of(Instant at, ComponentId component, String reason, String rule, List<String> evidence) {
        return new Alert(DerivedId.of("d", rule, evidence), at, component, reason, rule, evidence);
    }
}
