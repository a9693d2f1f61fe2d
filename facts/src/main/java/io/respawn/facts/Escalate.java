package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * Decision: the failure {@code failure} of {@code component} is not to be handled at
 * {@code from} but one level up, at {@code to}, for {@code reason}. The restart (or
 * a further escalation) of {@code to} follows as a decision of its own.
 */
public record Escalate(String id, Instant at, GroupId from, GroupId to, ComponentId component, String failure,
                       String reason, String rule, List<String> evidence) implements Decision {
    public Escalate {
        Require.notBlank("escalate.id", id);
        Require.notNull("escalate.at", at);
        Require.notNull("escalate.from", from);
        Require.notNull("escalate.to", to);
        Require.notNull("escalate.component", component);
        Require.notBlank("escalate.failure", failure);
        Require.notBlank("escalate.reason", reason);
        Require.notBlank("escalate.rule", rule);
        evidence = Require.list("escalate.evidence", evidence);
    }

    public static Escalate of(Instant at, GroupId from, GroupId to, ComponentId component, String failure,
                              String reason, String rule, List<String> evidence) {
        return new Escalate(DerivedId.of("d", rule, evidence), at, from, to, component, failure, reason, rule,
                evidence);
    }
}
