package io.respawn.facts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A component's process ended. At most one of {@code exitCode} and {@code signal} is set;
 * neither when the exit status is unknown: the process was not the reporting agent's child
 * (an agent that restarted re-adopted it), so nobody could collect its status.
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
        if (exitCode != null && signal != null) {
            throw new IllegalArgumentException("process-exited - needs at most one of exitCode and signal: exitCode="
                    + exitCode + ", signal=" + signal);
        }
    }

    /** Killed by a signal, exited with a non-zero code, or ended with its status unknown. */
    @JsonIgnore
    public boolean isAbnormal() {
        return signal != null || exitCode == null || exitCode != 0;
    }

    /** True when neither the exit code nor the signal could be known (a re-adopted process). */
    @JsonIgnore
    public boolean statusUnknown() {
        return exitCode == null && signal == null;
    }

    /** Plain words: {@code "exit code 3"}, {@code "signal 9"} or {@code "exit status unknown"}. */
    public String how() {
        if (statusUnknown()) {
            return "exit status unknown";
        }
        return signal != null ? "signal " + signal : "exit code " + exitCode;
    }
}
