package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * Decision: stop restarting anything in {@code group} automatically and ask a human;
 * {@code reason} says why in plain words. Holds until an {@link OperatorAck} re-arms it.
 */
public record GiveUp(String id, Instant at, GroupId group, ComponentId component, String failure, String reason,
                     String rule, List<String> evidence) implements Decision {
    public GiveUp {
        Require.notBlank("give-up.id", id);
        Require.notNull("give-up.at", at);
        Require.notNull("give-up.group", group);
        Require.notNull("give-up.component", component);
        Require.notBlank("give-up.failure", failure);
        Require.notBlank("give-up.reason", reason);
        Require.notBlank("give-up.rule", rule);
        evidence = Require.list("give-up.evidence", evidence);
    }

    public static GiveUp of(Instant at, GroupId group, ComponentId component, String failure, String reason,
                            String rule, List<String> evidence) {
        return new GiveUp(DerivedId.of("d", rule, evidence), at, group, component, failure, reason, rule, evidence);
    }
}
