package io.respawn.facts;

import java.time.Instant;

/**
 * An agent started a component's process.
 *
 * @param restartId the restart decision this start carries out, or null for a first start
 */
public record ProcessStarted(String id, Instant at, ComponentId component, String node, long pid, String restartId,
                             Instant observedAt) implements Observation {
    public ProcessStarted {
        Require.notBlank("process-started.id", id);
        Require.notNull("process-started.at", at);
        Require.notNull("process-started.component", component);
        Require.notBlank("process-started.node", node);
        if (pid <= 0) {
            throw new IllegalArgumentException("process-started.pid - must be positive: " + pid);
        }
    }
}
