package io.respawn.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A component's process ended. Exactly one of {@code exitCode} and {@code signal} is set.
 *
 * @param expected true when the agent had asked it to stop (a stop or restart in progress)
 */
public record ProcessExited(String id, Instant at, ComponentId component, String node, long pid, Integer exitCode,
                            Integer signal, boolean expected, Instant observedAt) implements Observation {
    public ProcessExited {
        Require.notBlank("process-exited.id", id);
        Require.notNull("process-exited.at", at);
        Require.notNull("process-exited.component", component);
        Require.notBlank("process-exited.node", node);
        if ((exitCode == null) == (signal == null)) {
            throw new IllegalArgumentException("process-exited - needs exactly one of exitCode and signal: exitCode="
                    + exitCode + ", signal=" + signal);
        }
    }

    /** Killed by a signal or exited with a non-zero code. */
    @JsonIgnore
    public boolean isAbnormal() {
        return signal != null || exitCode != 0;
    }

    /** Plain words: {@code "exit code 3"} or {@code "signal 9"}. */
    public String how() {
        return signal != null ? "signal " + signal : "exit code " + exitCode;
    }
}
