package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/** Belief: the restart {@code restartId} of {@code group} cured: no failure within its cure window after it was ready. */
public record Cured(String id, Instant at, String restartId, GroupId group, String rule,
                    List<String> evidence) implements Fact {
    public Cured {
        Require.notBlank("cured.id", id);
        Require.notNull("cured.at", at);
        Require.notBlank("cured.restartId", restartId);
        Require.notNull("cured.group", group);
        Require.notBlank("cured.rule", rule);
        evidence = Require.list("cured.evidence", evidence);
    }

    public static Cured of(Instant at, String restartId, GroupId group, String rule, List<String> evidence) {
        return new Cured(DerivedId.of("c", rule, evidence), at, restartId, group, rule, evidence);
    }
}
