package io.respawn.facts;

import java.time.Instant;

/** An operator accepted or rejected the inferred dependency {@code dependent -> dependsOn}. */
public record DependencyVerdict(String id, Instant at, ComponentId dependent, ComponentId dependsOn, Verdict verdict,
                                String operator) implements Observation {
    public DependencyVerdict {
        Require.notBlank("dependency-verdict.id", id);
        Require.notNull("dependency-verdict.at", at);
        Require.notNull("dependency-verdict.dependent", dependent);
        Require.notNull("dependency-verdict.dependsOn", dependsOn);
        Require.notNull("dependency-verdict.verdict", verdict);
        operator = operator == null ? "" : operator;
    }
}
