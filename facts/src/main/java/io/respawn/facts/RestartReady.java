package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/** Belief: every component the restart {@code restartId} of {@code group} restarted is ready; its cure window starts at {@code at}. */
public record RestartReady(String id, Instant at, String restartId, GroupId group, String rule,
                           List<String> evidence) implements Fact {
    public RestartReady {
        Require.notBlank("restart-ready.id", id);
        Require.notNull("restart-ready.at", at);
        Require.notBlank("restart-ready.restartId", restartId);
        Require.notNull("restart-ready.group", group);
        Require.notBlank("restart-ready.rule", rule);
        evidence = Require.list("restart-ready.evidence", evidence);
    }

    public static RestartReady of(Instant at, String restartId, GroupId group, String rule, List<String> evidence) {
        return new RestartReady(DerivedId.of("rr", rule, evidence), at, restartId, group, rule, evidence);
    }
}
