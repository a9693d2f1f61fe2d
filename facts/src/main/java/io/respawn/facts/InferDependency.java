package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * Decision: {@code dependent} depends on {@code dependsOn}, a dependency the restart
 * map did not capture. In force at once (a restart of {@code dependsOn} also restarts
 * {@code dependent}, after it) and reported as a proposal to change the map until an
 * operator accepts or rejects it.
 */
public record InferDependency(String id, Instant at, ComponentId dependent, ComponentId dependsOn, String reason,
                              String rule, List<String> evidence) implements Decision {
    public InferDependency {
        Require.notBlank("infer-dependency.id", id);
        Require.notNull("infer-dependency.at", at);
        Require.notNull("infer-dependency.dependent", dependent);
        Require.notNull("infer-dependency.dependsOn", dependsOn);
        if (dependent.equals(dependsOn)) {
            throw new IllegalArgumentException("infer-dependency - a component cannot depend on itself: " + dependent);
        }
        Require.notBlank("infer-dependency.reason", reason);
        Require.notBlank("infer-dependency.rule", rule);
        evidence = Require.list("infer-dependency.evidence", evidence);
    }

    public static InferDependency of(Instant at, ComponentId dependent, ComponentId dependsOn, String reason,
                                     String rule, List<String> evidence) {
        return new InferDependency(DerivedId.of("d", rule, evidence), at, dependent, dependsOn, reason, rule,
                evidence);
    }
}
