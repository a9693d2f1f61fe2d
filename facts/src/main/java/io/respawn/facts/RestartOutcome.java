package io.respawn.facts;

import java.time.Instant;
import java.util.List;

/**
 * How an agent's restart of a group ended.
 *
 * @param restartId  the restart decision carried out, if the agent knows it
 * @param killedHard global PIDs ({@code node:pid}) that ignored SIGTERM and were killed
 * @param reason     plain words on a failure, empty on success
 */
public record RestartOutcome(String id, Instant at, String restartId, GroupId group, RestartResult result,
                             long durationMs, List<String> killedHard, String reason, Instant observedAt)
        implements Observation {
    public RestartOutcome {
        Require.notBlank("restart-outcome.id", id);
        Require.notNull("restart-outcome.at", at);
        Require.notNull("restart-outcome.group", group);
        Require.notNull("restart-outcome.result", result);
        Require.notNegative("restart-outcome.durationMs", durationMs);
        killedHard = Require.list("restart-outcome.killedHard", killedHard);
        reason = reason == null ? "" : reason;
    }
}
