package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * Decision: tell a human about {@code component} without restarting anything, e.g. a
 * probe that keeps failing to run (ERROR) and so says nothing about the component.
 * {@code component} is null for an alert about no component, e.g. a heartbeat flood of
 * datagrams that named none; {@code reason} then says what it is about.
 */
public record Alert(String id, Instant at, ComponentId component, String reason, String rule,
                    List<String> evidence) implements Decision {
    public Alert {
        Require.notBlank("alert.id", id);
        Require.notNull("alert.at", at);
        Require.notBlank("alert.reason", reason);
        Require.notBlank("alert.rule", rule);
        evidence = Require.list("alert.evidence", evidence);
    }

    public static Alert of(Instant at, ComponentId component, String reason, String rule, List<String> evidence) {
        return new Alert(DerivedId.of("d", rule, evidence), at, component, reason, rule, evidence);
    }
}
