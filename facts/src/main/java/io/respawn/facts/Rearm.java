package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * Decision: an operator acknowledged the give-up at {@code group}; automatic restarts
 * there resume, and restarts before this point no longer count toward escalation or
 * restart intensity.
 */
public record Rearm(String id, Instant at, GroupId group, String rule, List<String> evidence) implements Decision {
    public Rearm {
        Require.notBlank("rearm.id", id);
        Require.notNull("rearm.at", at);
        Require.notNull("rearm.group", group);
        Require.notBlank("rearm.rule", rule);
        evidence = Require.list("rearm.evidence", evidence);
    }

    public static Rearm of(Instant at, GroupId group, String rule, List<String> evidence) {
        return new Rearm(DerivedId.of("d", rule, evidence), at, group, rule, evidence);
    }
}
