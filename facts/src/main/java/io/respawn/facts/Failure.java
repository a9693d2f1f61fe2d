package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * Belief: {@code component} failed at {@code at} because of {@code cause}. Produced by
 * the failure-inference rules; consumed by the restart rules.
 *
 * @param abnormal false only for a clean exit (code 0), which a transient component may make
 */
public record Failure(String id, Instant at, ComponentId component, Cause cause, String detail, boolean abnormal,
                      String rule, List<String> evidence) implements Fact {
    public Failure {
        Require.notBlank("failure.id", id);
        Require.notNull("failure.at", at);
        Require.notNull("failure.component", component);
        Require.notNull("failure.cause", cause);
        detail = detail == null ? "" : detail;
        Require.notBlank("failure.rule", rule);
        evidence = Require.list("failure.evidence", evidence);
    }

    public static Failure of(Instant at, ComponentId component, Cause cause, String detail, boolean abnormal,
                             String rule, List<String> evidence) {
        return new Failure(DerivedId.of("f", rule, evidence), at, component, cause, detail, abnormal, rule, evidence);
    }
}
