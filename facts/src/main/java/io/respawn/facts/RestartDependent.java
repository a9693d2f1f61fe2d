package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * Decision: as part of the restart {@code restart}, which restarts {@code dependsOn},
 * also restart {@code component} after it, because {@code component} depends on it
 * (an inferred dependency in force).
 */
public record RestartDependent(String id, Instant at, ComponentId component, ComponentId dependsOn, String restart,
                               String rule, List<String> evidence) implements Decision {
    public RestartDependent {
        Require.notBlank("restart-dependent.id", id);
        Require.notNull("restart-dependent.at", at);
        Require.notNull("restart-dependent.component", component);
        Require.notNull("restart-dependent.dependsOn", dependsOn);
        Require.notBlank("restart-dependent.restart", restart);
        Require.notBlank("restart-dependent.rule", rule);
        evidence = Require.list("restart-dependent.evidence", evidence);
    }

    public static RestartDependent of(Instant at, ComponentId component, ComponentId dependsOn, String restart,
                                      String rule, List<String> evidence) {
        return new RestartDependent(DerivedId.of("d", rule, evidence), at, component, dependsOn, restart, rule,
                evidence);
    }
}
